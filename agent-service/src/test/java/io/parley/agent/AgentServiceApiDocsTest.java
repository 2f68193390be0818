package io.parley.agent;

import io.parley.common.test.ApiDocsContract;

class AgentServiceApiDocsTest extends ApiDocsContract {
}

package io.parley.agent;

import io.parley.common.test.ServiceBootContract;

class AgentServiceBootTest extends ServiceBootContract {
}

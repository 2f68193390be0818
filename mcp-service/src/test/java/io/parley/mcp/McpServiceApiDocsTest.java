package io.parley.mcp;

import io.parley.common.test.ApiDocsContract;

class McpServiceApiDocsTest extends ApiDocsContract {
}

package io.parley.mcp;

import io.parley.common.test.ServiceBootContract;

class McpServiceBootTest extends ServiceBootContract {
}

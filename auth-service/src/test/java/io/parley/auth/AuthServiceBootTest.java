package io.parley.auth;

import io.parley.common.test.ServiceBootContract;

class AuthServiceBootTest extends ServiceBootContract {
}

package io.parley.auth;

import io.parley.common.test.ApiDocsContract;

class AuthServiceApiDocsTest extends ApiDocsContract {
}

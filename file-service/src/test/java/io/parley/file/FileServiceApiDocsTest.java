package io.parley.file;

import io.parley.common.test.ApiDocsContract;

class FileServiceApiDocsTest extends ApiDocsContract {
}

package io.parley.file;

import io.parley.common.test.ServiceBootContract;

class FileServiceBootTest extends ServiceBootContract {
}

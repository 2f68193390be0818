package io.parley.file.grpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.web.multipart.MultipartFile;

/**
 * A file that arrived over gRPC and was spooled to a temporary file, seen as the multipart part an
 * upload through the API would be, so both pass the same checks and storage.
 */
final class SpooledPart implements MultipartFile {

    private final Path spooled;
    private final String filename;
    private final String declaredType;

    SpooledPart(Path spooled, String filename, String declaredType) {
        this.spooled = spooled;
        this.filename = filename;
        this.declaredType = declaredType;
    }

    @Override
    public String getName() {
        return "file";
    }

    @Override
    public String getOriginalFilename() {
        return filename;
    }

    @Override
    public String getContentType() {
        return declaredType == null || declaredType.isBlank() ? null : declaredType;
    }

    @Override
    public boolean isEmpty() {
        return getSize() == 0;
    }

    @Override
    public long getSize() {
        try {
            return Files.size(spooled);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public byte[] getBytes() throws IOException {
        return Files.readAllBytes(spooled);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return Files.newInputStream(spooled);
    }

    @Override
    public void transferTo(java.io.File dest) throws IOException {
        Files.copy(spooled, dest.toPath(), StandardCopyOption.REPLACE_EXISTING);
    }
}

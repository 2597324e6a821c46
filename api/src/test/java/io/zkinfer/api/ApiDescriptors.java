package io.zkinfer.api;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The descriptor set the build packages at {@code zkinfer/v1/api.desc}, with source info. */
final class ApiDescriptors {

    static final String RESOURCE = "/zkinfer/v1/api.desc";

    private ApiDescriptors() {
    }

    /** The zkinfer.v1 files of the descriptor set. */
    static List<FileDescriptorProto> files() {
        try (InputStream in = ApiDescriptors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path; the protobuf plugin writes it");
            }
            return FileDescriptorSet.parseFrom(in).getFileList().stream()
                    .filter(f -> f.getPackage().equals("zkinfer.v1"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

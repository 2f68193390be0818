package io.parley.common.imports;

import io.parley.proto.common.v1.LibreChatImportGrpc;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.GrpcServerFactory;

/** The {@code LibreChatImport} gRPC service, in every service whose features declare a {@link LibreChatImporter}. */
@AutoConfiguration
@ConditionalOnClass({GrpcServerFactory.class, LibreChatImportGrpc.class})
@ConditionalOnBean(LibreChatImporter.class)
public class ImportAutoConfiguration {

    @Bean
    LibreChatImportGrpc.LibreChatImportImplBase libreChatImport(List<LibreChatImporter<?>> importers,
                                                              ObjectProvider<LibreChatFileImporter> files) {
        return new LibreChatImportGrpcService(importers, files.getIfAvailable());
    }
}

package io.parley.common.imports;

import io.parley.proto.common.v1.LibreChatImportGrpc;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.grpc.server.GrpcServerFactory;

/**
 * The {@code LibreChatImport} gRPC service, in every service whose features declare a {@link LibreChatImporter}
 * or a {@link LibreChatFileImporter}.
 */
@AutoConfiguration
@ConditionalOnClass({GrpcServerFactory.class, LibreChatImportGrpc.class})
@Conditional(ImportAutoConfiguration.AnyImporter.class)
public class ImportAutoConfiguration {

    @Bean
    LibreChatImportGrpc.LibreChatImportImplBase libreChatImport(ObjectProvider<LibreChatImporter<?>> importers,
                                                              ObjectProvider<LibreChatFileImporter> files) {
        return new LibreChatImportGrpcService(importers.orderedStream().toList(), files.getIfAvailable());
    }

    static final class AnyImporter extends AnyNestedCondition {

        AnyImporter() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(LibreChatImporter.class)
        static final class Documents {
        }

        @ConditionalOnBean(LibreChatFileImporter.class)
        static final class Files {
        }
    }
}

package io.parley.auth.access;

import com.nimbusds.jwt.SignedJWT;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.AccessContract;
import io.parley.proto.auth.v1.AclGrant;
import io.parley.proto.auth.v1.ShareRequest;
import java.text.ParseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The real {@code Access} service answers as {@link AccessContract} states, the rules the other services'
 * stand-ins of it are held to: people are registered and signed in, grants go through {@code Share}.
 */
class AccessContractIntegrationTest extends AuthIntegrationTest implements AccessContract {

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = grpcChannel();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public Tenant newTenant() {
        String id = uniqueTenant();
        Person admin = signedInPerson(id); // a tenant's first person is its ADMIN
        return new Tenant() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Person admin() {
                return admin;
            }

            @Override
            public Person newMember() {
                return signedInPerson(id);
            }
        };
    }

    @Override
    public void grant(Tenant tenant, String resourceId, Person grantee, String accessRoleId) {
        as(tenant.admin()).share(ShareRequest.newBuilder().setResourceType(resourceType()).setResourceId(resourceId)
                .addUpdated(AclGrant.newBuilder().setType("user").setId(grantee.id()).setAccessRoleId(accessRoleId)).build());
    }

    private Person signedInPerson(String tenant) {
        String token = signedIn("X-Parley-Tenant", tenant).json().get("token").asString();
        try {
            return new Person(SignedJWT.parse(token).getJWTClaimsSet().getSubject(), tenant, token);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}

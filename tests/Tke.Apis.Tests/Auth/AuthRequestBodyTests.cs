using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.IdentityProviders;
using Tke.Auth.Apis.LocalIdentities;
using Tke.Auth.Apis.Policies;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Auth;

/// <summary>Request bodies as TKEStack clients and the manual send them, through the schema check and the kind's rules.</summary>
public class AuthRequestBodyTests
{
    [Fact]
    public void Manual_ldap_identity_provider_body_is_accepted()
    {
        const string body = """
        {
          "apiVersion": "auth.tkestack.io/v1", "kind": "IdentityProvider",
          "metadata": { "name": "ldap-test" },
          "spec": {
            "name": "ldap-test",
            "type": "ldap",
            "administrators": [ "jane" ],
            "config": "  {\"host\":\"localhost:389\",\"insecureNoSSL\":true,\"bindDN\":\"cn=admin,dc=example,dc=org\",\"bindPW\":\"admin\",\"usernamePrompt\":\"Email Address\",\"userSearch\":{\"baseDN\":\"ou=People,dc=example,dc=org\",\"filter\":\"(objectClass=person)\",\"username\":\"cn\",\"idAttr\":\"DN\",\"emailAttr\":\"mail\",\"nameAttr\":\"cn\"},\"groupSearch\":{\"baseDN\":\"ou=Groups,dc=example,dc=org\",\"filter\":\"(objectClass=groupOfNames)\",\"userAttr\":\"DN\",\"groupAttr\":\"member\",\"nameAttr\":\"cn\"}}"
          }
        }
        """;
        var idp = ValidBody<IdentityProvider>(new IdentityProviderKind(), body);
        Assert.Equal(["jane"], idp.Spec.Administrators);
    }

    [Fact]
    public void Manual_policy_sample_is_accepted_and_a_bad_effect_is_not()
    {
        var kind = new PolicyKind();
        const string body = """
        {
          "metadata": { "name": "pol-view-deploy" },
          "spec": {
            "displayName": "view deploy-123", "tenantID": "default", "category": "platform", "type": "", "username": "admin", "description": "",
            "statement": { "actions": [ "get*", "list*", "watch*" ], "resources": [ "cluster:cls-123/deployment:deploy-123/*" ], "effect": "allow" }
          }
        }
        """;
        var policy = ValidBody<Policy>(kind, body);
        Assert.Equal("custom", policy.Spec.Type);

        var result = Body(kind, body.Replace("\"allow\"", "\"permit\""));
        Single(result.Errors, "spec.statement.effect", FieldErrorKind.NotSupported);
    }

    [Fact]
    public void Username_and_missing_fields_are_caught_by_the_schema()
    {
        var kind = new LocalIdentityKind();
        var password = PasswordPolicy.Encode("TkeStack123");
        ValidBody<LocalIdentity>(kind, $$$"""{"metadata":{"name":"usr-1"},"spec":{"username":"jane","displayName":"Jane","email":"","phoneNumber":"","hashedPassword":"{{{password}}}"}}""");

        Single(Body(kind, """{"metadata":{"name":"usr-1"},"spec":{"username":"Jane_Doe"}}""").Errors, "spec.username", FieldErrorKind.Invalid);
        Single(Body(kind, """{"metadata":{"name":"usr-1"},"spec":{"username":"ab"}}""").Errors, "spec.username", FieldErrorKind.Invalid);
        Single(Body(kind, """{"metadata":{"name":"usr-1"},"spec":{"displayName":"x"}}""").Errors, "spec.username", FieldErrorKind.Required);
        Assert.Equal(["spec.userName"], Body(kind, """{"metadata":{"name":"usr-1"},"spec":{"username":"jane","userName":"jane"}}""").UnknownFields);
    }
}

using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.LocalIdentities;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Auth;

public class LocalIdentityKindTests
{
    private readonly LocalIdentityKind _kind = new();

    internal static LocalIdentity Sample() => new()
    {
        Metadata = { Name = "usr-abc12" },
        Spec = new LocalIdentitySpec
        {
            Username = "jane-doe",
            DisplayName = "Jane Doe",
            Email = "jane@example.com",
            PhoneNumber = "13800138000",
            HashedPassword = PasswordPolicy.Encode("TkeStack123"),
            TenantId = "default",
            Groups = ["grp-dev"],
            Extra = new() { ["platformadmin"] = "true" },
        },
        Status = new LocalIdentityStatus { Phase = "", Locked = false, LastUpdateTime = new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero) },
    };

    [Fact]
    public void Schema_has_tkestack_field_names()
    {
        HasFields(_kind, "spec.finalizers", "spec.username", "spec.displayName", "spec.email", "spec.phoneNumber",
            "spec.hashedPassword", "spec.tenantID", "spec.groups", "spec.extra", "status.phase", "status.locked", "status.LastUpdateTime");
        Assert.True(Node(_kind, "spec.hashedPassword").Sensitive);
    }

    [Fact]
    public void Schema_constrains_the_username()
    {
        IsRequired(_kind, "spec", "username");
        Assert.Equal(3, Node(_kind, "spec.username").MinLength);
        Assert.Equal(32, Node(_kind, "spec.username").MaxLength);
        Assert.True(PatternAccepts(_kind, "spec.username", "jane-doe2"));
        Assert.False(PatternAccepts(_kind, "spec.username", "Jane"));
        Assert.False(PatternAccepts(_kind, "spec.username", "-jane"));
        Assert.False(PatternAccepts(_kind, "spec.username", "jane-"));
        Assert.False(PatternAccepts(_kind, "spec.username", "jane_doe"));
        Assert.Equal(255, Node(_kind, "spec.displayName").MaxLength);
    }

    [Fact]
    public void Valid_sample_passes() => Valid(Create(_kind, Sample()));

    [Fact]
    public void Reserved_username_is_rejected()
    {
        var user = Sample();
        user.Spec.Username = "system";
        Single(Create(_kind, user), "spec.username", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Password_is_required_on_create()
    {
        var user = Sample();
        user.Spec.HashedPassword = null;
        Single(Create(_kind, user), "spec.hashedPassword", FieldErrorKind.Required);
    }

    [Fact]
    public void Weak_password_is_rejected_without_echoing_it()
    {
        var user = Sample();
        user.Spec.HashedPassword = PasswordPolicy.Encode("weakpassword");
        var error = Single(Create(_kind, user), "spec.hashedPassword", FieldErrorKind.Invalid);
        Assert.DoesNotContain("weakpassword", error.Message);
        Assert.DoesNotContain(user.Spec.HashedPassword, error.Message);
    }

    [Fact]
    public void Bad_email_and_phone_are_rejected()
    {
        var user = Sample();
        user.Spec.Email = "not-an-email";
        Single(Create(_kind, user), "spec.email", FieldErrorKind.Invalid);

        user = Sample();
        user.Spec.PhoneNumber = "call me";
        Single(Create(_kind, user), "spec.phoneNumber", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Update_keeps_username_and_tenant_but_not_the_password_requirement()
    {
        var old = Sample();
        var changed = Sample();
        changed.Spec.HashedPassword = null;
        Valid(Update(_kind, changed, old));

        changed.Spec.Username = "john";
        Single(Update(_kind, changed, old), "spec.username", FieldErrorKind.Invalid);

        changed = Sample();
        changed.Spec.TenantId = "other";
        Single(Update(_kind, changed, old), "spec.tenantID", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Json_uses_tkestack_names()
    {
        var json = RoundTrip(Sample());
        Assert.Equal("jane-doe", At(json, "spec.username")!.GetValue<string>());
        Assert.Equal("default", At(json, "spec.tenantID")!.GetValue<string>());
        Assert.Equal("13800138000", At(json, "spec.phoneNumber")!.GetValue<string>());
        Assert.Equal("2024-05-01T08:00:00Z", At(json, "status.LastUpdateTime")!.GetValue<string>());
        Assert.NotNull(At(json, "spec.hashedPassword"));
    }

    [Fact]
    public void Table_and_field_selectors()
    {
        var cells = Cells(_kind, Sample());
        Assert.Equal("jane-doe", cells["Username"]);
        Assert.Equal("Jane Doe", cells["Display Name"]);
        Assert.Equal("jane@example.com", cells["Email"]);
        Assert.Equal(false, cells["Locked"]);
        Assert.Equal("default", cells["Tenant"]);
        Assert.Equal("jane-doe", Selected(_kind, Sample(), "spec.username"));
        Assert.Equal("default", Selected(_kind, Sample(), "spec.tenantID"));
        Assert.Equal("usr-", _kind.DefaultGenerateName);
    }
}

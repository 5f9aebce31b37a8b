using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.ApiKeys;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Auth;

public class ApiKeyKindTests
{
    private static readonly DateTimeOffset Issued = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ApiKeyKind _kind = new();

    private static ApiKey Sample() => new()
    {
        Metadata = { Name = "ak-1" },
        Spec = new ApiKeySpec
        {
            Key = "eyJhbGciOiJSUzI1NiJ9.e30.sig",
            TenantId = "default",
            Username = "admin",
            Description = "docker login",
            IssueAt = Issued,
            ExpireAt = Issued.AddHours(2),
        },
        Status = new ApiKeyStatus { Disabled = false, Expired = false },
    };

    [Fact]
    public void Schema_has_tkestack_field_names()
    {
        HasFields(_kind, "spec.apiKey", "spec.tenantID", "spec.username", "spec.description", "spec.issue_at", "spec.expire_at",
            "status.disabled", "status.expired");
        Assert.True(Node(_kind, "spec.apiKey").Sensitive);
        Assert.Equal("date-time", Node(_kind, "spec.expire_at").Format);
    }

    [Fact]
    public void Valid_sample_passes() => Valid(Create(_kind, Sample()));

    [Fact]
    public void Expiry_must_follow_issue()
    {
        var key = Sample();
        key.Spec.ExpireAt = Issued.AddMinutes(-1);
        Single(Create(_kind, key), "spec.expire_at", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Owner_cannot_change()
    {
        var key = Sample();
        key.Spec.Username = "mallory";
        Single(Update(_kind, key, Sample()), "spec.username", FieldErrorKind.Invalid);

        var disabled = Sample();
        disabled.Status!.Disabled = true;
        Valid(Update(_kind, disabled, Sample()));
    }

    [Fact]
    public void Json_always_carries_disabled_and_expired()
    {
        var json = RoundTrip(Sample());
        Assert.Equal("2024-01-01T02:00:00Z", At(json, "spec.expire_at")!.GetValue<string>());
        Assert.Equal("2024-01-01T00:00:00Z", At(json, "spec.issue_at")!.GetValue<string>());
        Assert.False(At(json, "status.disabled")!.GetValue<bool>());
        Assert.False(At(json, "status.expired")!.GetValue<bool>());
        Assert.Equal("eyJhbGciOiJSUzI1NiJ9.e30.sig", At(json, "spec.apiKey")!.GetValue<string>());
    }

    [Fact]
    public void Table_and_selectors()
    {
        var cells = Cells(_kind, Sample());
        Assert.Equal("docker login", cells["Description"]);
        Assert.Equal("admin", cells["Username"]);
        Assert.Equal(Issued.AddHours(2), cells["Expire At"]);
        Assert.Equal(false, cells["Disabled"]);
        Assert.Equal("admin", Selected(_kind, Sample(), "spec.username"));
        Assert.Equal("default", Selected(_kind, Sample(), "spec.tenantID"));
        Assert.Equal("eyJhbGciOiJSUzI1NiJ9.e30.sig", Selected(_kind, Sample(), "spec.apiKey"));
    }

    [Theory]
    [InlineData("2h", 120)]
    [InlineData("30m", 30)]
    [InlineData("1h30m", 90)]
    [InlineData("1.5h", 90)]
    [InlineData("168h", 10080)]
    public void Expiry_accepts_hours_and_minutes(string text, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), GoDuration.Parse(text));
        Assert.Equal(TimeSpan.FromMinutes(minutes), new ApiKeyRequest { Expire = text }.ExpiryOrDefault());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("2 hours")]
    [InlineData("h")]
    public void Expiry_rejects_other_text(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Fact]
    public void Expiry_defaults_to_seven_days_and_formats_like_go()
    {
        Assert.Equal(TimeSpan.FromDays(7), new ApiKeyRequest().ExpiryOrDefault());
        Assert.Equal("1h30m0s", GoDuration.Format(TimeSpan.FromMinutes(90)));
        Assert.Equal("45m0s", GoDuration.Format(TimeSpan.FromMinutes(45)));
        Assert.Equal("0s", GoDuration.Format(TimeSpan.Zero));
    }
}

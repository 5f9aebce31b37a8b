using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.AccessReviews;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Auth;

public class SubjectAccessReviewKindTests
{
    private readonly SubjectAccessReviewKind _kind = new();

    private static SubjectAccessReview Sample() => new()
    {
        Spec = new SubjectAccessReviewSpec
        {
            User = "jane",
            ResourceAttributes = new ResourceAttributes { Verb = "get", Group = "platform.tkestack.io", Resource = "clusters", Name = "cls-1" },
        },
        Status = new SubjectAccessReviewStatus { Allowed = true, Reason = "policy pol-1", AllowedList = [new AllowedStatus { Resource = "clusters", Verb = "get", Allowed = true }] },
    };

    [Fact]
    public void Schema_and_json_use_tkestack_names()
    {
        HasFields(_kind, "spec.resourceAttributes.verb", "spec.resourceAttributesList", "spec.nonResourceAttributes.path",
            "spec.user", "spec.groups", "spec.extra", "spec.uid", "status.allowed", "status.denied", "status.allowedList[].web");
        var json = RoundTrip(Sample());
        Assert.Equal("get", At(json, "status.allowedList")![0]!["web"]!.GetValue<string>());
        Assert.True(At(json, "status.allowed")!.GetValue<bool>());
    }

    [Fact]
    public void Exactly_one_request_kind_and_a_subject_are_needed()
    {
        Valid(Create(_kind, Sample()));

        var review = Sample();
        review.Spec.NonResourceAttributes = new NonResourceAttributes { Path = "/healthz", Verb = "get" };
        Single(Create(_kind, review), "spec", FieldErrorKind.Forbidden);

        review = Sample();
        review.Spec.ResourceAttributes = null;
        Single(Create(_kind, review), "spec", FieldErrorKind.Required);

        review = Sample();
        review.Spec.User = null;
        Single(Create(_kind, review), "spec.user", FieldErrorKind.Required);
        review.Spec.Groups = ["devs"];
        Valid(Create(_kind, review));
    }

    [Fact]
    public void Table_shows_the_answer()
    {
        var cells = Cells(_kind, Sample());
        Assert.Equal("jane", cells["User"]);
        Assert.Equal(true, cells["Allowed"]);
    }
}

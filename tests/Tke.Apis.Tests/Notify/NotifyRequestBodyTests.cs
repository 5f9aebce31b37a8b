using Tke.ApiMachinery.Validation;
using Tke.Notify.Apis.Channels;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Notify;

public class NotifyRequestBodyTests
{
    [Fact]
    public void Email_channel_body_from_the_manual_is_accepted()
    {
        var kind = new ChannelKind();
        const string body = """{"metadata":{"generateName":"chn-"},"spec":{"displayName":"mail","smtp":{"email":"alarm@example.com","password":"secret","smtpHost":"10.0.0.1","smtpPort":25,"tls":false}}}""";
        ValidBody<Channel>(kind, body);

        Single(Body(kind, body.Replace("\"smtpPort\":25", "\"smtpPort\":70000")).Errors, "spec.smtp.smtpPort", FieldErrorKind.Invalid);
        Single(Body(kind, body.Replace("\"password\":\"secret\",", "")).Errors, "spec.smtp.password", FieldErrorKind.Required);
        Single(Body(kind, body.Replace("\"smtpPort\":25", "\"smtpPort\":\"25\"")).Errors, "spec.smtp.smtpPort", FieldErrorKind.TypeInvalid);
    }
}

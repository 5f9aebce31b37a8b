using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Streaming.Http;

namespace Tke.SimCluster.Streaming.Logs;

/// <summary>The query of pods/log (PodLogOptions), validated as the API server does.</summary>
public sealed record PodLogOptions(
    string? Container,
    bool Follow,
    bool Previous,
    bool Timestamps,
    long? SinceSeconds,
    DateTimeOffset? SinceTime,
    long? TailLines,
    long? LimitBytes)
{
    /// <exception cref="StatusError">400 for values that do not parse, 422 for invalid ones.</exception>
    public static PodLogOptions Parse(IQueryCollection query, string podName)
    {
        DateTimeOffset? sinceTime = null;
        if (QueryParameters.String(query, "sinceTime") is { } text)
        {
            sinceTime = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw StatusError.BadRequest($"invalid value \"{text}\" for query parameter sinceTime: must be an RFC 3339 time");
        }

        var options = new PodLogOptions(
            QueryParameters.String(query, "container"),
            QueryParameters.Bool(query, "follow"),
            QueryParameters.Bool(query, "previous"),
            QueryParameters.Bool(query, "timestamps"),
            QueryParameters.Long(query, "sinceSeconds"),
            sinceTime,
            QueryParameters.Long(query, "tailLines"),
            QueryParameters.Long(query, "limitBytes"));
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            var summary = errors.Count == 1 ? errors[0].Message : "[" + string.Join(", ", errors.Select(e => e.Message)) + "]";
            throw StatusError.UnprocessableEntity($"PodLogOptions \"{podName}\" is invalid: {summary}");
        }

        return options;
    }

    /// <summary>The earliest time a line may have to be shown, or null for all lines.</summary>
    public DateTimeOffset? Since(DateTimeOffset now) => SinceTime ?? (SinceSeconds is { } seconds ? now - TimeSpan.FromSeconds(seconds) : null);

    private FieldErrorList Validate()
    {
        var errors = new FieldErrorList();
        if (TailLines < 0)
        {
            errors.Invalid("tailLines", TailLines, "must be greater than or equal to 0");
        }

        if (LimitBytes < 1)
        {
            errors.Invalid("limitBytes", LimitBytes, "must be greater than 0");
        }

        if (SinceSeconds is not null && SinceTime is not null)
        {
            errors.Add(new FieldError(FieldErrorKind.Forbidden, "", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
        }
        else if (SinceSeconds < 1)
        {
            errors.Invalid("sinceSeconds", SinceSeconds, "must be greater than 0");
        }

        return errors;
    }
}

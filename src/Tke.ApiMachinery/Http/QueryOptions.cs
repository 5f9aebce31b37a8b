using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Printing;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Selectors;
using Tke.ApiMachinery.Store;

namespace Tke.ApiMachinery.Http;

/// <summary>Parses and checks the query parameters of Kubernetes' list, watch, write and delete calls.</summary>
public static class QueryOptions
{
    public static ListQuery ListQuery(IQueryCollection q)
    {
        LabelSelector labels;
        FieldSelector? fields;
        try
        {
            labels = q.TryGetValue("labelSelector", out var ls) && !string.IsNullOrWhiteSpace(ls) ? LabelSelector.Parse(ls!) : LabelSelector.Everything;
            fields = q.TryGetValue("fieldSelector", out var fs) && !string.IsNullOrWhiteSpace(fs) ? FieldSelector.Parse(fs!) : null;
        }
        catch (SelectorParseException e)
        {
            throw StatusError.BadRequest(e.Message);
        }

        var limit = Integer(q, "limit") ?? 0;
        if (limit < 0)
        {
            throw StatusError.BadRequest("limit must be a non-negative integer");
        }

        ContinueToken? token = q.TryGetValue("continue", out var c) && !string.IsNullOrEmpty(c) ? ContinueToken.Decode(c!) : null;
        var rvText = (string?)q["resourceVersion"];
        long rv = 0;
        if (!string.IsNullOrEmpty(rvText) && (!long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out rv)))
        {
            throw StatusError.BadRequest($"invalid resource version \"{rvText}\"");
        }

        var matchText = (string?)q["resourceVersionMatch"];
        var match = matchText switch
        {
            null or "" => rv > 0 ? ResourceVersionMatch.NotOlderThan : ResourceVersionMatch.Latest,
            "NotOlderThan" => ResourceVersionMatch.NotOlderThan,
            "Exact" when rv > 0 => ResourceVersionMatch.Exact,
            "Exact" => throw StatusError.BadRequest("resourceVersionMatch \"Exact\" is forbidden for resourceVersion \"0\" or unset"),
            _ => throw StatusError.BadRequest($"resourceVersionMatch: Unsupported value: \"{matchText}\": supported values: \"Exact\", \"NotOlderThan\""),
        };

        if (token is not null && rv > 0)
        {
            throw StatusError.BadRequest("specifying resource version is not allowed when using continue");
        }

        return new ListQuery { Labels = labels, Fields = fields, Limit = limit, Continue = token, ResourceVersion = rv, Match = match };
    }

    public static IncludeObject IncludeObject(IQueryCollection q) => ((string?)q["includeObject"]) switch
    {
        null or "" or "Metadata" => Printing.IncludeObject.Metadata,
        "Object" => Printing.IncludeObject.Object,
        "None" => Printing.IncludeObject.None,
        var other => throw StatusError.BadRequest($"includeObject: Unsupported value: \"{other}\""),
    };

    public static bool Flag(IQueryCollection q, string name) =>
        q.TryGetValue(name, out var v) && (v == "1" || string.Equals(v, "true", StringComparison.OrdinalIgnoreCase));

    public static int? Integer(IQueryCollection q, string name)
    {
        var text = (string?)q[name];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw StatusError.BadRequest($"{name}: invalid integer \"{text}\"");
    }

    public static WriteContext WriteContext(IQueryCollection q, RequestUser user, JsonArray? bodyDryRun = null)
    {
        var dryRunValues = q["dryRun"].Select(v => v ?? "").Concat(bodyDryRun?.Select(n => n?.GetValue<string>() ?? "") ?? []).ToArray();
        foreach (var v in dryRunValues)
        {
            if (v != "All")
            {
                throw StatusError.BadRequest($"dryRun: Unsupported value: \"{v}\": supported values: \"All\"");
            }
        }

        var validation = ((string?)q["fieldValidation"]) switch
        {
            null or "" or "Warn" => FieldValidationMode.Warn,
            "Strict" => FieldValidationMode.Strict,
            "Ignore" => FieldValidationMode.Ignore,
            var other => throw StatusError.BadRequest($"fieldValidation: Unsupported value: \"{other}\": supported values: \"Ignore\", \"Strict\", \"Warn\""),
        };

        var manager = (string?)q["fieldManager"];
        if (manager is { Length: > 128 })
        {
            throw StatusError.BadRequest("fieldManager: Too long: may not be more than 128 bytes");
        }

        return new WriteContext(user) { DryRun = dryRunValues.Length > 0, FieldValidation = validation };
    }

    /// <summary>metav1.DeleteOptions from the body (if any) and the query.</summary>
    public static (DeleteRequest Request, JsonArray? DryRun) DeleteOptions(IQueryCollection q, JsonNode? body)
    {
        var options = body as JsonObject;
        if (body is not null && options is null)
        {
            throw StatusError.BadRequest("the body of a delete must be a DeleteOptions object");
        }

        var policy = (string?)q["propagationPolicy"] ?? Text(options?["propagationPolicy"]);
        if (policy is not null and not ("Orphan" or "Background" or "Foreground"))
        {
            throw StatusError.BadRequest($"propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }

        var preconditions = options?["preconditions"] as JsonObject;
        return (new DeleteRequest(Text(preconditions?["uid"]), Text(preconditions?["resourceVersion"]), policy), options?["dryRun"] as JsonArray);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

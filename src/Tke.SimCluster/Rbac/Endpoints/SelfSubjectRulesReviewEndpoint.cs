using System.Text.Json.Nodes;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Requests;
using Tke.SimCluster.Rbac.Authorization;

namespace Tke.SimCluster.Rbac.Endpoints;

/// <summary>
/// authorization.k8s.io/v1 SelfSubjectRulesReview, what `kubectl auth can-i --list` asks: every rule
/// the caller holds in a namespace, resource rules and non-resource rules apart.
/// </summary>
public sealed class SelfSubjectRulesReviewEndpoint(IClusterAuthorizer authorizer)
    : AuthorizationReviewEndpoint(authorizer, "selfsubjectrulesreviews", "SelfSubjectRulesReview")
{
    protected override (JsonObject Spec, JsonObject Status) Review(RequestUser user, JsonObject body)
    {
        var ns = ReviewBody.Text(ReviewBody.Object(body, "spec"), "namespace");
        if (ns.Length == 0)
        {
            throw StatusError.BadRequest("no namespace on request");
        }

        var granted = Authorizer.RulesFor(user, ns);
        var resourceRules = new JsonArray();
        var nonResourceRules = new JsonArray();
        foreach (var rule in granted.Rules)
        {
            if (rule.Resources is { Count: > 0 })
            {
                var entry = new JsonObject { ["verbs"] = Array(rule.Verbs) };
                AddIfAny(entry, "apiGroups", rule.ApiGroups);
                AddIfAny(entry, "resources", rule.Resources);
                AddIfAny(entry, "resourceNames", rule.ResourceNames);
                resourceRules.Add(entry);
            }

            if (rule.NonResourceUrls is { Count: > 0 })
            {
                nonResourceRules.Add(new JsonObject { ["verbs"] = Array(rule.Verbs), ["nonResourceURLs"] = Array(rule.NonResourceUrls) });
            }
        }

        var status = new JsonObject { ["resourceRules"] = resourceRules, ["nonResourceRules"] = nonResourceRules, ["incomplete"] = false };
        if (granted.EvaluationError.Length > 0)
        {
            status["evaluationError"] = granted.EvaluationError;
        }

        return (new JsonObject { ["namespace"] = ns }, status);
    }

    private static JsonArray Array(List<string>? values) => new([.. (values ?? []).Select(v => (JsonNode)v)]);

    private static void AddIfAny(JsonObject entry, string field, List<string>? values)
    {
        if (values is { Count: > 0 })
        {
            entry[field] = Array(values);
        }
    }
}

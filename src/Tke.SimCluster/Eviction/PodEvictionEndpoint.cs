using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;
using Tke.SimCluster.Controllers;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Core;
using Tke.SimCluster.Policy;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Eviction;

/// <summary>
/// POST /api/v1/namespaces/{ns}/pods/{name}/eviction: deletes the pod unless that would break
/// its PodDisruptionBudget. An allowed eviction spends one of the budget's disruptionsAllowed
/// (with the budget's resourceVersion as precondition, so two evictions cannot spend the same
/// one) and records the pod in disruptedPods until the disruption controller sees it gone.
/// </summary>
public sealed class PodEvictionEndpoint(ClusterStores stores, TimeProvider clock)
{
    public const string Prefix = "/api/v1/namespaces/";

    public const string ViolationMessage = "Cannot evict pod as it would violate the pod's disruption budget.";

    private const int SpendAttempts = 5;

    public static bool Accepts(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && Target(request.Path.Value) is not null;

    /// <summary>(namespace, pod) of an eviction path, or null.</summary>
    public static (string Namespace, string Pod)? Target(string? path)
    {
        var parts = (path ?? "").Split('/');
        // "", api, v1, namespaces, {ns}, pods, {name}, eviction
        return parts.Length == 8 && parts[1] == "api" && parts[2] == "v1" && parts[3] == "namespaces" && parts[5] == "pods" && parts[7] == "eviction"
            && parts[4].Length > 0 && parts[6].Length > 0
            ? (parts[4], parts[6])
            : null;
    }

    public async Task HandleAsync(HttpContext context, RequestUser user)
    {
        var (ns, name) = Target(context.Request.Path.Value) ?? throw StatusError.PathNotFound(context.Request.Path.Value ?? "");
        var cancellationToken = context.RequestAborted;
        var body = RequestBody.Decode(await RequestBody.ReadAsync(context.Request, cancellationToken), MediaTypes.BodyType(context.Request.ContentType));
        if (body?["metadata"]?["name"]?.GetValue<string>() is { } bodyName && bodyName != name)
        {
            throw StatusError.BadRequest($"name in URL does not match name in Eviction object: {name} != {bodyName}");
        }

        var dryRun = context.Request.Query.ContainsKey("dryRun");
        var pod = await stores.Pods.GetAsync(ns, name, cancellationToken) ?? throw StatusError.NotFound("", "pods", name);
        if (!IgnoresBudgets(pod))
        {
            var refusal = await SpendDisruptionAsync(pod, dryRun, cancellationToken);
            if (refusal is not null)
            {
                await WriteAsync(context, refusal, StatusCodes.Status429TooManyRequests);
                return;
            }
        }

        if (!dryRun)
        {
            var pods = new TypedStore<Pod>(stores.Pods.Store, new WriteContext(user));
            await pods.DeleteAsync(ns, name, pod.Metadata.Uid, cancellationToken);
        }

        await WriteAsync(context, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["code"] = StatusCodes.Status201Created,
        }, StatusCodes.Status201Created);
    }

    /// <summary>As Kubernetes: finished, pending and already-deleting pods do not count towards a budget.</summary>
    private static bool IgnoresBudgets(Pod pod) =>
        pod.Metadata.DeletionTimestamp is not null || pod.Status?.Phase is "Succeeded" or "Failed" or "Pending";

    /// <summary>Null when the eviction may go ahead, else the 429 Status to answer.</summary>
    private async Task<JsonObject?> SpendDisruptionAsync(Pod pod, bool dryRun, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < SpendAttempts; attempt++)
        {
            var budgets = (await stores.DisruptionBudgets.ListAsync(pod.Metadata.Namespace, cancellationToken))
                .Where(b => (b.Spec.Selector ?? new LabelSelector()).Matches(pod.Metadata.Labels))
                .ToList();
            if (budgets.Count == 0)
            {
                return null;
            }

            if (budgets.Count > 1)
            {
                throw StatusError.Internal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
            }

            var budget = budgets[0];
            var status = budget.Status;
            if (status is null || status.ObservedGeneration < budget.Metadata.Generation)
            {
                return Refusal(budget, "the disruption budget has not been processed by the disruption controller yet");
            }

            // An unready pod adds nothing to the budget: evicting it is fine while the budget is met.
            if (!PodConditions.IsReady(pod) && (budget.Spec.UnhealthyPodEvictionPolicy == "AlwaysAllow" || status.CurrentHealthy >= status.DesiredHealthy))
            {
                return null;
            }

            if (status.DisruptionsAllowed <= 0)
            {
                return Refusal(budget, $"The disruption budget {budget.Metadata.Name} needs {status.DesiredHealthy} healthy pods and has {status.CurrentHealthy} currently");
            }

            if (dryRun)
            {
                return null;
            }

            status.DisruptionsAllowed--;
            status.DisruptedPods ??= [];
            status.DisruptedPods[pod.Metadata.Name ?? ""] = clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            try
            {
                await stores.DisruptionBudgets.UpdateStatusAsync(budget, cancellationToken);
                return null;
            }
            catch (StatusError e) when (e.Code == StatusCodes.Status409Conflict)
            {
                // The controller or another eviction changed the budget: decide again on fresh state.
            }
        }

        throw StatusError.TooManyRequests("the disruption budget is changing too often to evict the pod; try again");
    }

    private static JsonObject Refusal(PodDisruptionBudget budget, string cause) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = ViolationMessage,
        ["reason"] = "TooManyRequests",
        ["details"] = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "DisruptionBudget", ["message"] = cause }),
        },
        ["code"] = StatusCodes.Status429TooManyRequests,
    };

    private static Task WriteAsync(HttpContext context, JsonObject status, int code) =>
        ResponseWriter.WriteJsonBytesAsync(context, Encoding.UTF8.GetBytes(status.ToJsonString()), code);
}

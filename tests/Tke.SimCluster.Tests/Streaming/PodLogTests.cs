using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.SimCluster.Core;
using Tke.SimCluster.Streaming.Logs;
using Tke.SimCluster.Streaming.Pods;

namespace Tke.SimCluster.Tests.Streaming;

public sealed class PodLogTests
{
    [Fact]
    public void Options_are_read_from_the_query()
    {
        var options = PodLogOptions.Parse(Query("?container=web&follow=true&timestamps=1&tailLines=2&limitBytes=100&sinceSeconds=60"), "p");

        Assert.Equal(new PodLogOptions("web", true, false, true, 60, null, 2, 100), options);
        Assert.Equal(SimulatedPods.Started.AddSeconds(-60), options.Since(SimulatedPods.Started));
    }

    [Fact]
    public void Since_time_is_an_rfc3339_time()
    {
        var options = PodLogOptions.Parse(Query("?sinceTime=2025-03-04T05:06:00Z"), "p");

        Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 6, 0, TimeSpan.Zero), options.Since(DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData("?tailLines=-1", "PodLogOptions \"p\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0")]
    [InlineData("?limitBytes=0", "PodLogOptions \"p\" is invalid: limitBytes: Invalid value: 0: must be greater than 0")]
    [InlineData("?sinceSeconds=0", "PodLogOptions \"p\" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0")]
    [InlineData("?sinceSeconds=5&sinceTime=2025-01-01T00:00:00Z", "PodLogOptions \"p\" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified")]
    public void Invalid_values_are_a_422_in_the_api_servers_words(string query, string message)
    {
        var e = Assert.Throws<StatusError>(() => PodLogOptions.Parse(Query(query), "p"));

        Assert.Equal((422, message), (e.Code, e.Message));
    }

    [Theory]
    [InlineData("?tailLines=ten")]
    [InlineData("?follow=perhaps")]
    [InlineData("?sinceTime=yesterday")]
    public void Values_that_do_not_parse_are_a_400(string query)
    {
        Assert.Equal(400, Assert.Throws<StatusError>(() => PodLogOptions.Parse(Query(query), "p")).Code);
    }

    [Fact]
    public void A_running_container_logs_that_it_started_what_it_runs_and_its_ports()
    {
        var pod = SimulatedPods.Running();
        var log = new SimulatedContainerLog(SimulatedContainer.Of(pod, pod.Spec.Containers[0]), pod.Spec.Containers[0]);

        var lines = log.Lines(ContainerRunState.Current(pod, "web"));

        Assert.Equal(
            [
                "simulated container web of pod shop/web-1 started (image nginx:1.25); no process runs in a simulated cluster",
                "command: the image's default entrypoint",
                "declares ports 80/TCP (kubectl port-forward reaches a simulated HTTP responder on them)",
            ],
            lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal(SimulatedPods.Started, l.Time));
        Assert.Equal(lines, log.Lines(ContainerRunState.Current(pod, "web")));
    }

    [Fact]
    public void A_terminated_container_logs_its_exit()
    {
        var job = new Container { Name = "task", Image = "busybox", Command = ["sh", "-c"], Args = ["echo done"] };
        var pod = SimulatedPods.Running(job);
        pod.Status!.ContainerStatuses![0].State = new JsonObject
        {
            ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["startedAt"] = "2025-03-04T05:06:07Z", ["finishedAt"] = "2025-03-04T05:06:08Z" },
        };

        var lines = new SimulatedContainerLog(SimulatedContainer.Of(pod, job), job).Lines(ContainerRunState.Current(pod, "task"));

        Assert.Equal("command: sh -c \"echo done\"", lines[1].Text);
        Assert.Equal("declares no ports", lines[2].Text);
        Assert.Equal("simulated container task exited with code 0 (Completed)", lines[^1].Text);
        Assert.Equal(SimulatedPods.Started.AddSeconds(1), lines[^1].Time);
    }

    [Fact]
    public void A_container_without_status_is_still_being_created()
    {
        var pod = SimulatedPods.Running();
        pod.Status!.ContainerStatuses = null;

        Assert.Equal(new ContainerRunState(ContainerPhase.Waiting, "ContainerCreating", null, null, 0), ContainerRunState.Current(pod, "web"));
    }

    [Fact]
    public void Timestamps_are_rfc3339_with_nine_fractional_digits()
    {
        var line = new LogLine(new DateTimeOffset(2025, 3, 4, 5, 6, 7, 123, TimeSpan.FromHours(2)), "text");

        Assert.Equal("2025-03-04T03:06:07.123000000Z text\n", PodLogEndpoint.Format(line, timestamps: true));
        Assert.Equal("text\n", PodLogEndpoint.Format(line, timestamps: false));
    }

    private static IQueryCollection Query(string query) => new DefaultHttpContext { Request = { QueryString = new QueryString(query) } }.Request.Query;
}

using Rollout.Domain.Model;
using Rollout.Emulator.Apps;

namespace Rollout.Emulator.Engine;

/// <summary>What starting an update asks for.</summary>
public sealed record UpdateRequest(
    JobKey Job,
    string User,
    TaskSpec DesiredSpec,
    int DesiredInstances,
    UpdateSettings Settings,
    DetectionStrategy DetectionStrategy,
    string? Id = null);

namespace Rollout.Client.Components;

/// <summary>
/// Tells whether a list that only grows at its end (and drops its oldest past a cap) changed since
/// it was last drawn: its count or its newest item differs. The list may be the same object.
/// </summary>
internal sealed class AppendOnlyWatch<T>
    where T : class
{
    private IReadOnlyList<T>? _list;
    private int _count = -1;
    private T? _last;

    public bool Changed(IReadOnlyList<T> list) =>
        !ReferenceEquals(list, _list) || list.Count != _count || !ReferenceEquals(Last(list), _last);

    public void Seen(IReadOnlyList<T> list)
    {
        _list = list;
        _count = list.Count;
        _last = Last(list);
    }

    private static T? Last(IReadOnlyList<T> list) => list.Count == 0 ? null : list[^1];
}

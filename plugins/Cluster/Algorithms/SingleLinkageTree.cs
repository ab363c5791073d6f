namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>
/// The single-linkage dendrogram of a spanning tree: leaves 0..n−1, internal node n + i made by the i-th lightest
/// edge, with its two children, the edge's weight and its number of leaves.
/// </summary>
internal sealed class SingleLinkageTree
{
    private SingleLinkageTree(int[] left, int[] right, double[] distance, int[] size)
    {
        (Left, Right, Distance, Size) = (left, right, distance, size);
    }

    public int[] Left { get; }

    public int[] Right { get; }

    public double[] Distance { get; }

    /// <summary>Leaves under each node, leaves included (index 0..2n−2).</summary>
    public int[] Size { get; }

    public int Root => Size.Length - 1;

    public static SingleLinkageTree Build(int n, List<(int A, int B, double Weight)> edges)
    {
        var ordered = edges.OrderBy(e => e.Weight).ToList();
        var parent = Enumerable.Range(0, (2 * n) - 1).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }

            return x;
        }

        var size = new int[(2 * n) - 1];
        Array.Fill(size, 1, 0, n);
        var left = new int[n - 1];
        var right = new int[n - 1];
        var distance = new double[n - 1];
        for (var i = 0; i < ordered.Count; i++)
        {
            var (a, b) = (Find(ordered[i].A), Find(ordered[i].B));
            var node = n + i;
            (left[i], right[i], distance[i]) = (a, b, ordered[i].Weight);
            size[node] = size[a] + size[b];
            parent[a] = parent[b] = node;
        }

        return new SingleLinkageTree(left, right, distance, size);
    }

    /// <summary>The leaves under <paramref name="node"/>.</summary>
    public IEnumerable<int> Leaves(int node, int n)
    {
        var stack = new Stack<int>([node]);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (x < n)
            {
                yield return x;
                continue;
            }

            stack.Push(Left[x - n]);
            stack.Push(Right[x - n]);
        }
    }
}

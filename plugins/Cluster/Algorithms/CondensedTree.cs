namespace NlpHost.Tasks.Cluster.Algorithms;

/// <summary>
/// HDBSCAN's condensed tree: walking the single-linkage tree from the root, a split where both sides have at least
/// <c>minClusterSize</c> points makes two new clusters; a smaller side's points fall out of the cluster at that
/// λ = 1/distance. A cluster's stability is Σ (λ at which a point or child cluster leaves − λ at the cluster's birth).
/// </summary>
internal sealed class CondensedTree
{
    // Distances of 0 (duplicates) would make λ infinite; cap it so stabilities stay finite.
    private const double MinDistance = 1e-10;

    private readonly List<int> _parentOfCluster = [-1];
    private readonly List<double> _birth = [0];
    private readonly List<double> _stability = [0];
    private readonly List<List<int>> _children = [[]];
    private int[] _fellFrom = [];

    public IReadOnlyList<double> Stability => _stability;

    public static CondensedTree Build(SingleLinkageTree tree, int n, int minClusterSize)
    {
        var condensed = new CondensedTree { _fellFrom = new int[n] };
        var clusterOf = new Dictionary<int, int> { [tree.Root] = 0 };
        var stack = new Stack<int>([tree.Root]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            var cluster = clusterOf[node];
            var (left, right) = (tree.Left[node - n], tree.Right[node - n]);
            var lambda = 1 / Math.Max(tree.Distance[node - n], MinDistance);
            var (bigLeft, bigRight) = (tree.Size[left] >= minClusterSize, tree.Size[right] >= minClusterSize);
            if (bigLeft && bigRight)
            {
                foreach (var child in (int[])[left, right])
                {
                    clusterOf[child] = condensed.AddCluster(cluster, lambda, tree.Size[child]);
                    stack.Push(child);
                }

                continue;
            }

            foreach (var (child, big) in (ReadOnlySpan<(int, bool)>)[(left, bigLeft), (right, bigRight)])
            {
                if (big)
                {
                    clusterOf[child] = cluster; // the cluster goes on, only smaller
                    stack.Push(child);
                }
                else
                {
                    foreach (var point in tree.Leaves(child, n))
                    {
                        condensed._fellFrom[point] = cluster;
                        condensed._stability[cluster] += lambda - condensed._birth[cluster];
                    }
                }
            }
        }

        return condensed;
    }

    /// <summary>Excess of mass: a cluster is kept when it is at least as stable as its selected descendants together.</summary>
    public Hdbscan.Result SelectByExcessOfMass(int n)
    {
        var count = _stability.Count;
        var selected = new bool[count];
        var best = new double[count];
        // Children always have larger ids than their parent, so a descending pass sees children first.
        for (var c = count - 1; c >= 1; c--)
        {
            var childSum = _children[c].Sum(child => best[child]);
            if (_children[c].Count == 0 || _stability[c] >= childSum)
            {
                selected[c] = true;
                best[c] = _stability[c];
                foreach (var descendant in Descendants(c))
                {
                    selected[descendant] = false;
                }
            }
            else
            {
                best[c] = childSum;
            }
        }

        selected[0] = _children[0].Count == 0;
        var label = new Dictionary<int, int>();
        var stabilities = new List<double>();
        foreach (var c in Enumerable.Range(0, count).Where(c => selected[c]))
        {
            label[c] = label.Count;
            stabilities.Add(_stability[c]);
        }

        var labels = new int[n];
        for (var point = 0; point < n; point++)
        {
            var c = _fellFrom[point];
            while (c >= 0 && !selected[c])
            {
                c = _parentOfCluster[c];
            }

            labels[point] = c >= 0 ? label[c] : Partition.Outlier;
        }

        return new Hdbscan.Result(labels, [.. stabilities]);
    }

    private int AddCluster(int parent, double lambda, int size)
    {
        var id = _stability.Count;
        _parentOfCluster.Add(parent);
        _birth.Add(lambda);
        _stability.Add(0);
        _children.Add([]);
        _children[parent].Add(id);
        _stability[parent] += size * (lambda - _birth[parent]);
        return id;
    }

    private IEnumerable<int> Descendants(int cluster)
    {
        foreach (var child in _children[cluster])
        {
            yield return child;
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}

namespace NlpHost.Tasks.Cluster.Representation;

/// <summary>A sparse vector with sorted indices.</summary>
internal readonly record struct SparseVector(int[] Index, float[] Value)
{
    public float Dot(SparseVector other)
    {
        float sum = 0;
        for (int i = 0, j = 0; i < Index.Length && j < other.Index.Length;)
        {
            if (Index[i] == other.Index[j])
            {
                sum += Value[i++] * other.Value[j++];
            }
            else if (Index[i] < other.Index[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }

    public float Dot(float[] dense)
    {
        float sum = 0;
        for (var i = 0; i < Index.Length; i++)
        {
            sum += Value[i] * dense[Index[i]];
        }

        return sum;
    }

    public float[] ToDense(int dimension)
    {
        var dense = new float[dimension];
        for (var i = 0; i < Index.Length; i++)
        {
            dense[Index[i]] = Value[i];
        }

        return dense;
    }
}

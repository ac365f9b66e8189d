namespace CrossEntropy.Engine
{
    /// <summary>What Find-NoisyLabel ranks rows by (a cmdlet parameter's type, so it is public).</summary>
    public enum NoisyLabelOrder
    {
        /// <summary>log(t_y / q_y): the label's probability against its class's mean self-confidence t_y (highest first).</summary>
        Normalized,
        /// <summary>-log q_y (highest first).</summary>
        Loss,
        /// <summary>q_y - max over other classes of q_c (lowest first).</summary>
        Margin,
    }
}

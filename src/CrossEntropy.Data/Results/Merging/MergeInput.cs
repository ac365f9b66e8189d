using System;

namespace CrossEntropy.Data.Results.Merging
{
    /// <summary>A result to merge and how errors name it ("'shard-1.csv'", "'shard-1.csv' from host-2", "result 3").</summary>
    internal sealed class MergeInput<T>
        where T : class
    {
        /// <summary>A result and its name.</summary>
        public MergeInput(T result, string name)
        {
            Result = result;
            Name = name;
        }

        /// <summary>The result, as plain data.</summary>
        public T Result { get; }
        /// <summary>How messages name it.</summary>
        public string Name { get; }
    }

    /// <summary>Results that cannot be merged (different classes or options; missing statistics): the message names both.</summary>
    internal sealed class MergeException : Exception
    {
        /// <summary>An exception with <paramref name="message"/>.</summary>
        public MergeException(string message)
            : base(message)
        {
        }

        /// <summary>An exception without a message.</summary>
        public MergeException()
        {
        }

        /// <summary>An exception with <paramref name="message"/> and its cause.</summary>
        public MergeException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}

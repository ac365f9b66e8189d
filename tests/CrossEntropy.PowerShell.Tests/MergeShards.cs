using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CrossEntropy.Engine.Tests;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Random predictions files and random splits of them into shards, for the merge tests: the whole file, and the
    /// same rows dealt out to 1–7 shard files (any row to any shard, so shards interleave and may be empty).
    /// </summary>
    public static class MergeShards
    {
        public static readonly string[] Classes = { "cat", "dog", "bird", "fish" };

        /// <summary>A file of <paramref name="rows"/> rows: logits, label (some ignored, "-100"), sample weight, group, sequence id; a few bad rows.</summary>
        public static List<string> Lines(Random rng, int rows)
        {
            var lines = new List<string> { "logit_cat,logit_dog,logit_bird,logit_fish,label,sw,grp,seq" };
            for (int i = 0; i < rows; i++)
            {
                int y = rng.Next(Classes.Length);
                var z = Enumerable.Range(0, Classes.Length).Select(c => (rng.NextDouble() * 6 - 3) + (c == y ? rng.NextDouble() * 3 : 0)).ToArray();
                string label = rng.Next(25) == 0 ? "-100" : Classes[y];
                string sw = (0.1 + rng.NextDouble() * 2.9).ToString("R", CultureInfo.InvariantCulture);
                string cells = string.Join(",", z.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
                if (rng.Next(40) == 0) cells = string.Concat("oops", cells.AsSpan(cells.IndexOf(',', StringComparison.Ordinal))); // rejected
                lines.Add($"{cells},{label},{sw},g{rng.Next(3)},s{rng.Next(rows / 6 + 1)}");
            }
            return lines;
        }

        /// <summary>Writes the whole file and a random split of it; returns (whole, shards).</summary>
        public static (string Whole, List<string> Shards) Write(Random rng, string dir, int rows)
        {
            List<string> lines = Lines(rng, rows);
            string whole = Path.Combine(dir, "whole.csv");
            File.WriteAllLines(whole, lines);
            int k = rng.Next(1, 8);
            var parts = Enumerable.Range(0, k).Select(_ => new List<string> { lines[0] }).ToList();
            foreach (string line in lines.Skip(1)) parts[rng.Next(k)].Add(line);
            var shards = new List<string>();
            for (int s = 0; s < k; s++)
            {
                string path = Path.Combine(dir, $"shard{s}.csv");
                File.WriteAllLines(path, parts[s]);
                shards.Add(path);
            }
            return (whole, shards);
        }

        /// <summary>The list in a random order.</summary>
        public static List<T> Shuffled<T>(Random rng, IEnumerable<T> items) => items.OrderBy(_ => rng.Next()).ToList();

        /// <summary>
        /// Every number the two results show (scalars and arrays, not Source) agrees within 1e-12 relative (NaN with
        /// NaN), every count exactly; nested lists (PerClass, Bins) too.
        /// </summary>
        public static void SameFigures(PSObject expected, PSObject actual, string what)
        {
            foreach (PSPropertyInfo p in expected.Properties)
            {
                // Source names differ by design; a report's first problems and per-file lists name the shard files.
                if (p.Name is "Source" or "Problems" or "Files") continue;
                object? e = Base(p.Value), a = Base(actual.Properties[p.Name]?.Value);
                string at = $"{what}.{p.Name}";
                switch (e)
                {
                    case double d: Near.Equal(d, (double)a!, what: at); break;
                    case long or int or string or bool or null: Assert.True(Equals(e, a), $"{at}: expected {e}, got {a}"); break;
                    case double[] ds: Near.All(ds, (double[])a!, what: at); break;
                    case long[] ls: Assert.Equal(ls, (long[])a!); break;
                    case string[] ss: Assert.Equal(ss, (string[])a!); break;
                    case object[] os:
                        var ao = (object[])a!;
                        Assert.Equal(os.Length, ao.Length);
                        for (int i = 0; i < os.Length; i++)
                            if (os[i] is not string) SameFigures(PSObject.AsPSObject(os[i]), PSObject.AsPSObject(ao[i]), $"{at}[{i}]");
                        break;
                    case Array arr:
                        var aa = (Array)a!;
                        Assert.Equal(arr.Length, aa.Length);
                        for (int i = 0; i < arr.Length; i++) SameFigures(PSObject.AsPSObject(arr.GetValue(i)), PSObject.AsPSObject(aa.GetValue(i)), $"{at}[{i}]");
                        break;
                    case System.Collections.IDictionary dict:
                        var ad = (System.Collections.IDictionary)a!;
                        Assert.Equal(dict.Count, ad.Count);
                        foreach (System.Collections.DictionaryEntry kv in dict) Assert.Equal(kv.Value, ad[kv.Key]);
                        break;
                }
            }
        }

        /// <summary>Every number of the two results is the same bits.</summary>
        public static void SameBits(PSObject x, PSObject y)
        {
            foreach (PSPropertyInfo p in x.Properties)
            {
                if (Base(p.Value) is double d) Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)Base(y.Properties[p.Name].Value)!));
                if (Base(p.Value) is double[] ds) Assert.Equal(ds.Select(BitConverter.DoubleToInt64Bits), ((double[])Base(y.Properties[p.Name].Value)!).Select(BitConverter.DoubleToInt64Bits));
            }
        }

        private static object? Base(object? v) => v is PSObject ps ? ps.BaseObject : v;
    }
}

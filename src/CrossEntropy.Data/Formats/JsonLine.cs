using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace CrossEntropy.Data.Formats
{
    /// <summary>
    /// One line of a JSON Lines file read as an object's properties: numbers as doubles (as stored, no text round
    /// trip), strings, true/false, null, and arrays as lists of those (a <c>logits</c> array). Nested objects are kept as
    /// their JSON text (never a number). A line that is not one JSON object is reported, not thrown.
    /// </summary>
    internal static class JsonLine
    {
        /// <summary>
        /// Calls <paramref name="property"/>(name, value) for each top-level property of <paramref name="line"/>; returns
        /// null, or why the line is not a JSON object.
        /// </summary>
        public static string? Read(ReadOnlySpan<byte> line, Action<string, object?> property)
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    return "the line is not a JSON object ({...})";
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString() ?? "";
                    reader.Read();
                    property(name, Value(ref reader, line));
                }
                if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                    return "the line holds more than one JSON value";
                return null;
            }
            catch (JsonException e)
            {
                return "the line is not valid JSON: " + e.Message;
            }
        }

        private static object? Value(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    return reader.TryGetDouble(out double d) && !double.IsInfinity(d) ? d : (object)Text(ref reader);
                case JsonTokenType.String: return reader.GetString();
                case JsonTokenType.True: return true;
                case JsonTokenType.False: return false;
                case JsonTokenType.Null: return null;
                case JsonTokenType.StartArray:
                    var items = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(Value(ref reader, line));
                    return items.ToArray();
                default:
                    long start = reader.TokenStartIndex;
                    reader.Skip(); // now on the object's closing brace
                    long end = reader.TokenStartIndex + 1;
                    return Encoding.UTF8.GetString(line.Slice((int)start, (int)(end - start)).ToArray());
            }
        }

        // A number outside double's range keeps its text, so the cell reader says "outside the range of a double".
        private static string Text(ref Utf8JsonReader reader) => Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
    }
}

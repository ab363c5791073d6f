using System.Text;

namespace NlpHost.Inference.Internal.Graph;

/// <summary>One field of a protobuf message: its number, wire type, value (varints) or payload span, and where it sits.</summary>
internal readonly record struct ProtoField(int Number, int Wire, ulong Varint, int Start, int Length, int TagStart, int End);

/// <summary>
/// The few protobuf primitives the ONNX graph rewrites need (<see cref="LayerOutputs"/>, <see cref="Int8Quantization"/>).
/// Why not Google.Protobuf with generated ONNX types: a rewrite copies every untouched field byte for byte, which a
/// parse-and-reserialize would not guarantee (unknown fields, packing), and a byte-stable output is what lets the
/// derived graph's hash be recorded and checked.
/// </summary>
internal static class Protobuf
{
    public static List<ProtoField> Fields(ReadOnlySpan<byte> message)
    {
        var fields = new List<ProtoField>();
        var position = 0;
        while (position < message.Length)
        {
            var tagStart = position;
            var tag = ReadVarint(message, ref position);
            var (number, wire) = ((int)(tag >> 3), (int)(tag & 7));
            switch (wire)
            {
                case 0:
                    var value = ReadVarint(message, ref position);
                    fields.Add(new ProtoField(number, wire, value, tagStart, 0, tagStart, position));
                    break;
                case 1 or 5:
                    var size = wire == 1 ? 8 : 4;
                    fields.Add(new ProtoField(number, wire, 0, position, size, tagStart, position + size));
                    position += size;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    if (length < 0 || position + length > message.Length)
                    {
                        throw new InvalidDataException($"not an ONNX model: field {number} overruns its message at byte {position}");
                    }

                    fields.Add(new ProtoField(number, wire, 0, position, length, tagStart, position + length));
                    position += length;
                    break;
                default:
                    throw new InvalidDataException($"not an ONNX model: protobuf wire type {wire} at byte {position}");
            }
        }

        return fields;
    }

    public static string Text(ReadOnlySpan<byte> message, ProtoField field) => Encoding.UTF8.GetString(message.Slice(field.Start, field.Length));

    /// <summary>Repeated int64 values of a field, whether packed or not.</summary>
    public static List<long> Int64s(ReadOnlySpan<byte> message, int number)
    {
        var values = new List<long>();
        foreach (var field in Fields(message))
        {
            if (field.Number != number)
            {
                continue;
            }

            if (field.Wire == 0)
            {
                values.Add((long)field.Varint);
                continue;
            }

            var packed = message.Slice(field.Start, field.Length);
            for (var position = 0; position < packed.Length;)
            {
                values.Add((long)ReadVarint(packed, ref position));
            }
        }

        return values;
    }

    public static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("not an ONNX model: malformed varint");
    }

    public static void WriteTag(Stream stream, int field, int wire) => WriteVarint(stream, (ulong)((field << 3) | wire));

    public static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }

    public static void WriteVarintField(Stream stream, int field, ulong value)
    {
        WriteTag(stream, field, 0);
        WriteVarint(stream, value);
    }

    public static void WriteBytes(Stream stream, int field, ReadOnlySpan<byte> bytes)
    {
        WriteTag(stream, field, 2);
        WriteVarint(stream, (ulong)bytes.Length);
        stream.Write(bytes);
    }

    public static void WriteString(Stream stream, int field, string text) => WriteBytes(stream, field, Encoding.UTF8.GetBytes(text));

    public static void WriteMessage(Stream stream, int field, MemoryStream message) => WriteBytes(stream, field, message.GetBuffer().AsSpan(0, (int)message.Length));
}

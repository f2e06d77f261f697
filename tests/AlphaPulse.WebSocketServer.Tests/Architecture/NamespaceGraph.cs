using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace AlphaPulse.WebSocketServer.Tests.Architecture;

/// <summary>
/// Which of an assembly's namespaces ("rooms": the first segment under the root namespace) use which,
/// read from its metadata (ECMA-335): base types, interfaces, field, method and local-variable
/// signatures, and every type, method and field token in the method bodies' IL — so a dependency made
/// only inside a method (a <c>new</c>, a call, a cast) counts as much as one in a signature. Compiler-made
/// nested types (lambdas, async state machines) belong to the type that holds them. Stateless.
/// </summary>
internal static class NamespaceGraph
{
    /// <summary>Operand sizes of every IL opcode, from the runtime's own opcode table.</summary>
    private static readonly Dictionary<ushort, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => (ushort)code.Value, code => code.OperandType);

    public static Dictionary<string, HashSet<string>> Read(string assemblyPath, string rootNamespace)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeDefinitions)
        {
            if (RoomOf(metadata, handle, rootNamespace) is not { } room)
            {
                continue;
            }

            var used = new HashSet<TypeDefinitionHandle>();
            CollectType(pe, metadata, handle, new TypeCollector(used));
            var edges = graph.TryGetValue(room, out var existing) ? existing : graph[room] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var target in used)
            {
                if (RoomOf(metadata, target, rootNamespace) is { } other && other != room)
                {
                    edges.Add(other);
                }
            }
        }

        return graph;
    }

    /// <summary>A cycle as the rooms it passes through, first repeated last (<c>A → B → A</c>); null when the graph has none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        // 0 unseen, 1 on the current path, 2 done.
        List<string>? Visit(string node)
        {
            switch (state.GetValueOrDefault(node))
            {
                case 1:
                    return [.. path.Skip(path.IndexOf(node)), node];
                case 2:
                    return null;
            }

            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    private static string? RoomOf(MetadataReader metadata, TypeDefinitionHandle handle, string rootNamespace)
    {
        var type = metadata.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } outer)
        {
            type = metadata.GetTypeDefinition(outer);
        }

        var name = metadata.GetString(type.Namespace);
        if (name == rootNamespace)
        {
            return "(root)";
        }

        if (!name.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var room = name[(rootNamespace.Length + 1)..];
        var dot = room.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? room : room[..dot];
    }

    private static void CollectType(PEReader pe, MetadataReader metadata, TypeDefinitionHandle handle, TypeCollector collector)
    {
        var type = metadata.GetTypeDefinition(handle);
        collector.AddEntity(metadata, type.BaseType);
        foreach (var implementation in type.GetInterfaceImplementations())
        {
            collector.AddEntity(metadata, metadata.GetInterfaceImplementation(implementation).Interface);
        }

        foreach (var field in type.GetFields())
        {
            metadata.GetFieldDefinition(field).DecodeSignature(collector, null);
        }

        foreach (var methodHandle in type.GetMethods())
        {
            var method = metadata.GetMethodDefinition(methodHandle);
            method.DecodeSignature(collector, null);
            if (method.RelativeVirtualAddress == 0)
            {
                continue;
            }

            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                metadata.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(collector, null);
            }

            CollectIl(metadata, body.GetILReader(), collector);
        }
    }

    /// <summary>Walks the IL and resolves every metadata token operand (ECMA-335 §III.1.9).</summary>
    private static void CollectIl(MetadataReader metadata, BlobReader il, TypeCollector collector)
    {
        while (il.RemainingBytes > 0)
        {
            ushort code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (ushort)(0xFE00 | il.ReadByte());
            }

            switch (Operands[code])
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    // The count is read before the offset it moves (il.Offset += … would use the offset before the read).
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    collector.AddEntity(metadata, MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                default:
                    // InlineI, InlineBrTarget, InlineSig, InlineString, ShortInlineR: four bytes, no type.
                    il.Offset += 4;
                    break;
            }
        }
    }

    /// <summary>Collects the assembly's own types a signature or token names; external types are ignored.</summary>
    private sealed class TypeCollector(HashSet<TypeDefinitionHandle> used) : ISignatureTypeProvider<int, object?>
    {
        public void AddEntity(MetadataReader metadata, EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    used.Add((TypeDefinitionHandle)handle);
                    break;
                case HandleKind.TypeSpecification:
                    metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.FieldDefinition:
                    used.Add(metadata.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.MethodDefinition:
                    used.Add(metadata.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.MemberReference:
                    var member = metadata.GetMemberReference((MemberReferenceHandle)handle);
                    AddEntity(metadata, member.Parent);
                    break;
                case HandleKind.MethodSpecification:
                    var specification = metadata.GetMethodSpecification((MethodSpecificationHandle)handle);
                    AddEntity(metadata, specification.Method);
                    specification.DecodeSignature(this, null);
                    break;
            }
        }

        public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            used.Add(handle);
            return 0;
        }

        public int GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;

        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;

        public int GetSZArrayType(int elementType) => 0;

        public int GetArrayType(int elementType, ArrayShape shape) => 0;

        public int GetByReferenceType(int elementType) => 0;

        public int GetPointerType(int elementType) => 0;

        public int GetPinnedType(int elementType) => 0;

        public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => 0;

        public int GetGenericMethodParameter(object? genericContext, int index) => 0;

        public int GetGenericTypeParameter(object? genericContext, int index) => 0;

        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;

        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;
    }
}

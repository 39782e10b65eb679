using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace MediationPlatform.ServiceDefaults.Data;

/// <summary>
/// Writes many rows of one entity type in one statement (<c>INSERT … SELECT FROM unnest(…)</c> or
/// <c>UPDATE … FROM unnest(…)</c>), one array parameter per column, from EF Core's own mapping of the type: column
/// names, store types and value converters (UTC timestamps, enums as numbers) are those EF uses, so the entity stays the
/// one description of the table. For a projection that folds thousands of rows in memory and would otherwise pay EF's
/// change tracking and one statement per row (ADR 0017). Rows written here are not tracked by the context.
/// </summary>
public static class RowWriter
{
    private sealed record Column(string Name, string StoreType, Type ElementType, Func<object, object?> Read);

    /// <summary>The table's quoted (and schema-qualified) name, its columns in EF's order, and the key columns.</summary>
    private sealed record Table(string Name, Column[] Columns, Column[] Key);

    private static readonly ConcurrentDictionary<(Type Context, Type Entity), Table> Tables = new();

    /// <summary>Inserts the rows; a row whose key exists fails the statement (unique violation), as a plain insert would.</summary>
    public static Task InsertAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return Task.CompletedTask;
        var table = TableOf<T>(db);
        var names = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        var sql = $"INSERT INTO {table.Name} ({names}) SELECT * FROM {Unnest(table)}";
        return db.Database.ExecuteSqlRawAsync(sql, Parameters(table, rows), ct);
    }

    /// <summary>Overwrites every non-key column of the rows with these keys.</summary>
    public static Task UpdateAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return Task.CompletedTask;
        var table = TableOf<T>(db);
        var set = string.Join(", ", table.Columns.Except(table.Key).Select(c => $"{Quote(c.Name)} = u.{Quote(c.Name)}"));
        var match = string.Join(" AND ", table.Key.Select(c => $"t.{Quote(c.Name)} = u.{Quote(c.Name)}"));
        var names = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        var sql = $"UPDATE {table.Name} AS t SET {set} FROM {Unnest(table)} AS u({names}) WHERE {match}";
        return db.Database.ExecuteSqlRawAsync(sql, Parameters(table, rows), ct);
    }

    private static string Unnest(Table table)
    {
        var sql = new StringBuilder("unnest(");
        for (var i = 0; i < table.Columns.Length; i++)
            sql.Append(i == 0 ? "" : ", ").Append("@p").Append(i).Append("::").Append(table.Columns[i].StoreType).Append("[]");
        return sql.Append(')').ToString();
    }

    private static NpgsqlParameter[] Parameters<T>(Table table, IReadOnlyCollection<T> rows) where T : class
    {
        var parameters = new NpgsqlParameter[table.Columns.Length];
        for (var c = 0; c < table.Columns.Length; c++)
        {
            var column = table.Columns[c];
            var values = Array.CreateInstance(column.ElementType, rows.Count);
            var r = 0;
            foreach (var row in rows) values.SetValue(column.Read(row), r++);
            parameters[c] = new NpgsqlParameter($"p{c}", values);
        }
        return parameters;
    }

    private static Table TableOf<T>(DbContext db) => Tables.GetOrAdd((db.GetType(), typeof(T)), _ =>
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var name = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => ColumnOf(p, store)).ToArray();
        var key = entity.FindPrimaryKey()!.Properties.Select(p => columns.Single(c => c.Name == p.GetColumnName(store))).ToArray();
        var qualified = entity.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(name)}" : Quote(name);
        return new Table(qualified, columns, key);
    });

    private static Column ColumnOf(IProperty property, StoreObjectIdentifier store)
    {
        var converter = property.GetTypeMapping().Converter;
        var provider = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? property.ClrType) ?? converter?.ProviderClrType ?? property.ClrType;
        var element = provider.IsValueType && property.IsNullable ? typeof(Nullable<>).MakeGenericType(provider) : provider;
        var info = property.PropertyInfo ?? throw new InvalidOperationException($"{property.Name} is not a CLR property.");
        Func<object, object?> read = converter is null
            ? info.GetValue
            : row => info.GetValue(row) is { } value ? converter.ConvertToProvider(value) : null;
        return new Column(property.GetColumnName(store)!, property.GetColumnType(), element, read);
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"")}\"";
}

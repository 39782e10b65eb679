using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediationPlatform.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnnualSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "annual_snapshots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    region_code = table.Column<string>(type: "text", nullable: true),
                    region_name = table.Column<string>(type: "text", nullable: true),
                    generated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    figures = table.Column<string>(type: "jsonb", nullable: false),
                    region_names = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_annual_snapshots", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_annual_snapshots_year_region_code_generated_at",
                table: "annual_snapshots",
                columns: new[] { "year", "region_code", "generated_at" });

            // Snapshots are insert-only: a published annual figure never changes underneath its readers (ADR 0008).
            migrationBuilder.Sql("""
                CREATE FUNCTION annual_snapshots_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'annual_snapshots is insert-only: % is not allowed (run the report again instead)', TG_OP
                        USING ERRCODE = 'restrict_violation';
                END $$;
                CREATE TRIGGER annual_snapshots_no_update_or_delete BEFORE UPDATE OR DELETE ON annual_snapshots
                    FOR EACH ROW EXECUTE FUNCTION annual_snapshots_insert_only();
                CREATE TRIGGER annual_snapshots_no_truncate BEFORE TRUNCATE ON annual_snapshots
                    FOR EACH STATEMENT EXECUTE FUNCTION annual_snapshots_insert_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "annual_snapshots");
            migrationBuilder.Sql("DROP FUNCTION annual_snapshots_insert_only();");
        }
    }
}

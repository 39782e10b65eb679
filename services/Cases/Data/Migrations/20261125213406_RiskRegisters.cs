using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediationPlatform.Cases.Data.Migrations
{
    /// <inheritdoc />
    public partial class RiskRegisters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "risk_registers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    region_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    town_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    district_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    year = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_registers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "risk_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    register_id = table.Column<Guid>(type: "uuid", nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    opened_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed = table.Column<bool>(type: "boolean", nullable: false),
                    closed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    close_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_risk_items_risk_registers_register_id",
                        column: x => x.register_id,
                        principalTable: "risk_registers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_risk_items_case_id",
                table: "risk_items",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_risk_items_register_id",
                table: "risk_items",
                column: "register_id");

            migrationBuilder.CreateIndex(
                name: "ix_risk_registers_region_code_year",
                table: "risk_registers",
                columns: new[] { "region_code", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_registers_town_code_year",
                table: "risk_registers",
                columns: new[] { "town_code", "year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "risk_items");

            migrationBuilder.DropTable(
                name: "risk_registers");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediationPlatform.Mediators.Data.Migrations
{
    /// <inheritdoc />
    public partial class CasePlaceholder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "placeholder",
                table: "cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "placeholder",
                table: "cases");
        }
    }
}

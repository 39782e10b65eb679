using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediationPlatform.Cases.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganizationRefActive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "active",
                table: "organizations",
                type: "boolean",
                nullable: false,
                defaultValue: true); // every organisation registered before the flag is active
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "active",
                table: "organizations");
        }
    }
}

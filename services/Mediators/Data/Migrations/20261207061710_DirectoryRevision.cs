using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediationPlatform.Mediators.Data.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "organizations",
                type: "integer",
                nullable: false,
                defaultValue: 1); // every row before the revision is at its first

            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "mediators",
                type: "integer",
                nullable: false,
                defaultValue: 1); // every row before the revision is at its first
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "revision",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "mediators");
        }
    }
}

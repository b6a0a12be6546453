using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CoalitionBot.Plugins.TalkingPoints.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TalkingPoints_Custom",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Slug = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Title = table.Column<string>(type: "character varying(90)", maxLength: 90, nullable: false),
                    Text = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    Audiences = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Topics = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TalkingPoints_Custom", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TalkingPoints_Hidden",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PointId = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    HiddenBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HiddenAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TalkingPoints_Hidden", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TalkingPoints_Custom_TenantId",
                table: "TalkingPoints_Custom",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_TalkingPoints_Custom_TenantId_Slug",
                table: "TalkingPoints_Custom",
                columns: new[] { "TenantId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TalkingPoints_Hidden_TenantId",
                table: "TalkingPoints_Hidden",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_TalkingPoints_Hidden_TenantId_PointId",
                table: "TalkingPoints_Hidden",
                columns: new[] { "TenantId", "PointId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TalkingPoints_Custom");

            migrationBuilder.DropTable(
                name: "TalkingPoints_Hidden");
        }
    }
}

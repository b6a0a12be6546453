using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CoalitionBot.Plugins.Campaigns.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CampaignMetricSamples : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Campaigns_MetricSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CampaignId = table.Column<long>(type: "bigint", nullable: false),
                    MetricId = table.Column<long>(type: "bigint", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false),
                    Goal = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns_MetricSamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Campaigns_MetricSamples_Campaigns_Metrics_MetricId",
                        column: x => x.MetricId,
                        principalTable: "Campaigns_Metrics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_MetricSamples_MetricId",
                table: "Campaigns_MetricSamples",
                column: "MetricId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_MetricSamples_TenantId",
                table: "Campaigns_MetricSamples",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_MetricSamples_TenantId_MetricId_At",
                table: "Campaigns_MetricSamples",
                columns: new[] { "TenantId", "MetricId", "At" });

            // Each metric's current value becomes its first reading, as on SQLite.
            migrationBuilder.Sql(
                "INSERT INTO \"Campaigns_MetricSamples\" (\"TenantId\", \"CampaignId\", \"MetricId\", \"Value\", \"Goal\", \"At\") " +
                "SELECT \"TenantId\", \"CampaignId\", \"Id\", \"Value\", \"Goal\", \"UpdatedAt\" FROM \"Campaigns_Metrics\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Campaigns_MetricSamples");
        }
    }
}

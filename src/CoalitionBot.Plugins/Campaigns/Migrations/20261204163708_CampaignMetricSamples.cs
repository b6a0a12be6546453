using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoalitionBot.Plugins.Campaigns.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    MetricId = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false),
                    Goal = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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

            // Each metric set before this table existed keeps its latest reading as the first point of its trend.
            migrationBuilder.Sql(
                "INSERT INTO Campaigns_MetricSamples (TenantId, CampaignId, MetricId, Value, Goal, At) " +
                "SELECT TenantId, CampaignId, Id, Value, Goal, UpdatedAt FROM Campaigns_Metrics;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Campaigns_MetricSamples");
        }
    }
}

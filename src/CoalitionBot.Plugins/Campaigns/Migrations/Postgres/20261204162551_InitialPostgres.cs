using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CoalitionBot.Plugins.Campaigns.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Goal = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    ChannelId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ChannelName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    StepChangedAt = table.Column<long>(type: "bigint", nullable: false),
                    ClosedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns_Dates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CampaignId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns_Dates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns_History",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CampaignId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: true),
                    Detail = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns_History", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns_Items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CampaignId = table.Column<long>(type: "bigint", nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    SeedKey = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Done = table.Column<bool>(type: "boolean", nullable: false),
                    DoneAt = table.Column<long>(type: "bigint", nullable: true),
                    DoneBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns_Items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns_Metrics",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CampaignId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false),
                    Goal = table.Column<long>(type: "bigint", nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns_Metrics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns_PendingAdvances",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CampaignId = table.Column<long>(type: "bigint", nullable: false),
                    FromStep = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns_PendingAdvances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns_Targets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CampaignId = table.Column<long>(type: "bigint", nullable: false),
                    StakeholderId = table.Column<long>(type: "bigint", nullable: false),
                    StakeholderName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    AddedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns_Targets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_TenantId",
                table: "Campaigns",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_TenantId_NameKey",
                table: "Campaigns",
                columns: new[] { "TenantId", "NameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Dates_TenantId",
                table: "Campaigns_Dates",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Dates_TenantId_CampaignId_At",
                table: "Campaigns_Dates",
                columns: new[] { "TenantId", "CampaignId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_History_TenantId",
                table: "Campaigns_History",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_History_TenantId_CampaignId_At",
                table: "Campaigns_History",
                columns: new[] { "TenantId", "CampaignId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Items_TenantId",
                table: "Campaigns_Items",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Items_TenantId_CampaignId_Step_Position",
                table: "Campaigns_Items",
                columns: new[] { "TenantId", "CampaignId", "Step", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Metrics_TenantId",
                table: "Campaigns_Metrics",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Metrics_TenantId_CampaignId_NameKey",
                table: "Campaigns_Metrics",
                columns: new[] { "TenantId", "CampaignId", "NameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_PendingAdvances_TenantId",
                table: "Campaigns_PendingAdvances",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Targets_TenantId",
                table: "Campaigns_Targets",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Targets_TenantId_CampaignId_StakeholderId",
                table: "Campaigns_Targets",
                columns: new[] { "TenantId", "CampaignId", "StakeholderId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Campaigns");

            migrationBuilder.DropTable(
                name: "Campaigns_Dates");

            migrationBuilder.DropTable(
                name: "Campaigns_History");

            migrationBuilder.DropTable(
                name: "Campaigns_Items");

            migrationBuilder.DropTable(
                name: "Campaigns_Metrics");

            migrationBuilder.DropTable(
                name: "Campaigns_PendingAdvances");

            migrationBuilder.DropTable(
                name: "Campaigns_Targets");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoalitionBot.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxDestination : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Destination",
                table: "Outbox",
                type: "character varying(129)",
                maxLength: 129,
                nullable: false,
                defaultValue: "");

            // Rows written before the column: the same key OutboxMessage.DestinationOf makes (channel, unit separator, person).
            migrationBuilder.Sql("""UPDATE "Outbox" SET "Destination" = COALESCE("ChannelId", '') || chr(31) || COALESCE("UserId", '')""");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_TenantId_Destination_Status_DueAt",
                table: "Outbox",
                columns: new[] { "TenantId", "Destination", "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_TenantId_Destination_Status_DueAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Destination",
                table: "Outbox");
        }
    }
}

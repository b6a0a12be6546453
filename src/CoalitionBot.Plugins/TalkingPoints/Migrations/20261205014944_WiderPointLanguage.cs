using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoalitionBot.Plugins.TalkingPoints.Migrations
{
    /// <inheritdoc />
    public partial class WiderPointLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}

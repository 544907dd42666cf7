using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TutorPlatform.Migrations
{
    /// <inheritdoc />
    public partial class EssayTeacherRubricScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "teacher_rubric_scores",
                table: "essay_versions",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "teacher_rubric_scores",
                table: "essay_versions");
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TutorPlatform.Core.Assignments;

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> assignment)
    {
        assignment.Property(a => a.Title).HasMaxLength(Assignment.TitleMaxLength);
        assignment.Property(a => a.Instructions).HasMaxLength(Assignment.InstructionsMaxLength);
        assignment.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        assignment.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        assignment.Property(a => a.Version).IsRowVersion();
        assignment.HasIndex(a => new { a.ClassId, a.DueAt });
        assignment.OwnsOne(a => a.Essay, essay =>
        {
            essay.ToJson();
            essay.Property(e => e.Genre).HasConversion<string>();
            essay.OwnsMany(e => e.Rubric);
        });
        assignment.OwnsOne(a => a.Speaking, speaking =>
        {
            speaking.ToJson();
            speaking.Property(s => s.Mode).HasConversion<string>();
        });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TutorPlatform.Core.Classes;

internal sealed class SchoolClassConfiguration : IEntityTypeConfiguration<SchoolClass>
{
    public void Configure(EntityTypeBuilder<SchoolClass> schoolClass)
    {
        schoolClass.ToTable("classes");
        schoolClass.Property(c => c.Name).HasMaxLength(SchoolClass.NameMaxLength);
        schoolClass.Property(c => c.Description).HasMaxLength(SchoolClass.DescriptionMaxLength);
        schoolClass.Property(c => c.JoinCode).HasMaxLength(JoinCodes.Length);
        schoolClass.HasIndex(c => c.JoinCode).IsUnique();
        // One teacher cannot have two live classes of the same name; archived ones may repeat.
        schoolClass.HasIndex(c => new { c.TeacherId, c.Name }).IsUnique().HasFilter("archived_at IS NULL");
        schoolClass.HasOne(c => c.Teacher).WithMany().HasForeignKey(c => c.TeacherId).OnDelete(DeleteBehavior.Restrict);
        schoolClass.HasMany(c => c.Enrollments).WithOne(e => e.Class).HasForeignKey(e => e.ClassId).OnDelete(DeleteBehavior.Cascade);
        schoolClass.HasMany(c => c.Assignments).WithOne(a => a.Class).HasForeignKey(a => a.ClassId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> enrollment)
    {
        enrollment.HasIndex(e => new { e.ClassId, e.StudentId }).IsUnique();
        enrollment.HasIndex(e => e.StudentId);
        enrollment.HasOne(e => e.Student).WithMany().HasForeignKey(e => e.StudentId).OnDelete(DeleteBehavior.Cascade);
        enrollment.Ignore(e => e.IsActive);
    }
}

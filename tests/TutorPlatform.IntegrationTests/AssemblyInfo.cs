using TutorPlatform.IntegrationTests.Fixtures;

// One app and one database for most of the suite (CI has two cores); the rate-limit tests bring their own.
[assembly: AssemblyFixture(typeof(TutorApiFactory))]

using TutorPlatform.Essays.Checking;

namespace TutorPlatform.Essays.Tests.Checking;

// Each rule fires on a learner error and stays silent on a correct near-miss.
public sealed class GrammarRulesTests
{
    [Theory]
    [InlineData(GrammarRules.ArticleAAn, "She ate a apple yesterday .", "She ate an apple yesterday .")]
    [InlineData(GrammarRules.ArticleAAn, "It took an year to finish .", "It took a year to finish .")]
    [InlineData(GrammarRules.ArticleAAn, "He waited a hour for the bus .", "He waited an hour for the bus .")]
    [InlineData(GrammarRules.ArticleAAn, "She studies at an university in Paris .", "She studies at a university in Paris .")]
    [InlineData(GrammarRules.DoubledWord, "I went to the the market .", "I went to the market .")]
    [InlineData(GrammarRules.CapitalI, "Yesterday i went home .", "Yesterday I went home .")]
    [InlineData(GrammarRules.CapitalSentenceStart, "my brother likes football .", "My brother likes football .")]
    [InlineData(GrammarRules.VerbFormAfterModal, "The child can goes to school alone .", "The child can go to school alone .")]
    [InlineData(GrammarRules.VerbFormAfterModal, "They could not went home .", "They could not go home .")]
    [InlineData(GrammarRules.VerbFormAfterModal, "He did n't liked the film .", "He did n't like the film .")]
    [InlineData(GrammarRules.VerbFormAfterModal, "It will is difficult .", "It will be difficult .")]
    [InlineData(GrammarRules.VerbFormAfterTo, "I wanted to went home .", "I wanted to go home .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "He have two brothers .", "He has two brothers .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "She like music very much .", "She likes music very much .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "They is my friends .", "They are my friends .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "Most people is happy .", "Most people are happy .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "The students goes to school by bus .", "The students go to school by bus .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "Scientists says that phones are bad .", "Scientists say that phones are bad .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "I know that the students does n't like it .", "I know that the students do n't like it .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "Every student have a locker .", "Every student has a locker .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "This method are very old .", "This method is very old .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "Each country do n't agree .", "Each country does n't agree .")]
    [InlineData(GrammarRules.DeterminerNumber, "I think this students are lazy .", "I think these students are lazy .")]
    [InlineData(GrammarRules.ThereIsPlural, "There is many reasons for this .", "There are many reasons for this .")]
    [InlineData(GrammarRules.ThanThen, "A bike is cheaper then a car .", "A bike is cheaper than a car .")]
    [InlineData(GrammarRules.ThanThen, "The teacher gave more homework then us .", "The teacher gave more homework than us .")]
    [InlineData(GrammarRules.ThanThen, "People read fewer books then ever .", "People read fewer books than ever .")]
    [InlineData(GrammarRules.ItsItIs, "Its a good idea .", "It 's a good idea .")]
    [InlineData(GrammarRules.ItsItIs, "The city has it 's own rules .", "The city has its own rules .")]
    [InlineData(GrammarRules.TheirThere, "Their are many cars .", "There are many cars .")]
    [InlineData(GrammarRules.TheirThere, "They have there own house .", "They have their own house .")]
    [InlineData(GrammarRules.CouldOf, "I could of done it .", "I could have done it .")]
    [InlineData(GrammarRules.DoubleComparative, "This road is more safer .", "This road is safer .")]
    [InlineData(GrammarRules.UncountableNoun, "We need more informations .", "We need more information .")]
    [InlineData(GrammarRules.NounNumber, "I have many friend at school .", "I have many friends at school .")]
    [InlineData(GrammarRules.NounNumber, "Every students must come .", "Every student must come .")]
    [InlineData(GrammarRules.IntroductoryComma, "For example people like cars .", "For example , people like cars .")]
    [InlineData(GrammarRules.IntroductoryComma, "Also I think it is fun .", "Also , I think it is fun .")]
    [InlineData(GrammarRules.IntroductoryClauseComma, "If you want to know somebody you can spend a day with them .", "If you want to know somebody , you can spend a day with them .")]
    [InlineData(GrammarRules.IntroductoryClauseComma, "Even after school he has to play games .", "Even after school , he has to play games .")]
    [InlineData(GrammarRules.ToToo, "The test was to difficult for me .", "The test was too difficult for me .")]
    [InlineData(GrammarRules.ToToo, "We spend to much money .", "We spend too much money .")]
    [InlineData(GrammarRules.OneOfThePlural, "It is one of the best place to live .", "It is one of the best places to live .")]
    // Rule revision 2.
    [InlineData(GrammarRules.NounNumber, "Many teenager do not get enough sleep .", "Many teenagers do not get enough sleep .")]
    [InlineData(GrammarRules.NounNumber, "These book are very interesting .", "These books are very interesting .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "If school start later , students will sleep more .", "If school starts later , students will sleep more .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "When the teacher come in , we stand up .", "When the teacher comes in , we stand up .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "If my brother want to play , he can .", "If my brother wants to play , he can .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "It is still a device that need to be recharged .", "It is still a device that needs to be recharged .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "We need a person who are capable of all sorts of jobs .", "We need a person who is capable of all sorts of jobs .")]
    [InlineData(GrammarRules.NounNumber, "As human being , we should enjoy our privacy .", "As human beings , we should enjoy our privacy .")]
    [InlineData(GrammarRules.UncountableNoun, "The police collect evidences of crime .", "The police collect evidence of crime .")]
    [InlineData(GrammarRules.IntroductoryComma, "Second the amount of treasure is large .", "Second , the amount of treasure is large .")]
    [InlineData(GrammarRules.IntroductoryComma, "From my point of view people should walk more .", "From my point of view , people should walk more .")]
    public void Rule_LearnerError_IsCorrected(string ruleId, string sentence, string expected)
    {
        Assert.Contains(ruleId, CheckerFixture.Rules(sentence));
        Assert.Equal(expected, CheckerFixture.Checker.CorrectTokenizedSentence(sentence));
    }

    [Theory]
    [InlineData("She ate an apple and a European pear .")]
    [InlineData("It was a unique chance and an honest answer .")]
    [InlineData("I had had enough , and that that was it .")]
    [InlineData("Part ( i ) is easy .")]
    [InlineData("The child can go to school alone .")]
    [InlineData("I do exercises every morning .")]
    [InlineData("They could not find the car .")]
    [InlineData("The free will decides nothing .")]
    [InlineData("I look forward to going there .")]
    [InlineData("He has two brothers .")]
    [InlineData("The boy who likes the dogs is happy .")]
    [InlineData("The book on the tables is mine .")]
    [InlineData("We did more homework and then went home .")]
    [InlineData("I ate more , then me and my sister left .")]
    [InlineData("One of the students goes home early .")]
    [InlineData("The news is good today .")]
    [InlineData("Physics is my favourite subject .")]
    [InlineData("James says he is tired .")]
    [InlineData("This costs too much money .")]
    [InlineData("Does she like music ?")]
    [InlineData("They made it work and let him go .")]
    [InlineData("If he were rich , I would be happy .")]
    [InlineData("The number of old people is growing .")]
    [InlineData("There is a lot of traffic .")]
    [InlineData("Back then I was young .")]
    [InlineData("The dog wagged its tail .")]
    [InlineData("There are many cars .")]
    [InlineData("This road is much safer than that one .")]
    [InlineData("We need more information .")]
    [InlineData("Both society and the environment suffer .")]
    [InlineData("These students are tired .")]
    [InlineData("Every student must come .")]
    [InlineData("For example , people like cars .")]
    [InlineData("However much he tried , he failed .")]
    [InlineData("However developed a country is , it has poor people .")]
    [InlineData("Also tracking people is legal .")]
    [InlineData("It is difficult to explain to children .")]
    [InlineData("It does not amount to much .")]
    [InlineData("She talked to many people .")]
    [InlineData("It is one of the places I like .")]
    [InlineData("Many fiction books are long .")]
    [InlineData("This data are new .")] // a noun that may take a plural verb
    [InlineData("I know this man have a car .")] // not at a clause start: "this man" may be the object of another verb
    [InlineData("This bus stop has a roof .")]
    [InlineData("If you think you can do it , try .")] // the second clause is the verb's object
    [InlineData("When I told him that we would go , he smiled .")]
    [InlineData("If we have a job we like , we work hard .")] // "we like" is a relative clause with no auxiliary
    [InlineData("Because they said they would come , we waited .")]
    [InlineData("We stay home if you are ill .")]
    // Near misses of rule revision 2.
    [InlineData("He and I are good friends .")] // "I" ends a compound subject: not "am"
    [InlineData("It will lead to much purer water .")] // "much" before a comparative: "to" stays
    [InlineData("If they fire you you will be sad .")] // an object, then the next clause's subject
    [InlineData("One of the basic rights of people is freedom .")] // "basic" modifies the plural after it
    [InlineData("If school start times change , students suffer .")] // "start times" is a compound noun
    [InlineData("After school go home quickly .")] // "after school" is a time phrase: no subject follows
    [InlineData("If the team want to win , they train .")] // a collective noun may take a plural verb
    [InlineData("These cost money .")] // "these" as a pronoun, "cost" its verb
    [InlineData("Those need help .")]
    [InlineData("The rocks near the coast which are old are beautiful .")] // "which" may refer to the noun before the preposition
    [InlineData("The parents of the child who need help came .")]
    [InlineData("The lifestyle of a normal human being had to change .")]
    [InlineData("First time visitors are welcome .")] // an ordinal before a noun, not an opener
    [InlineData("If the fish are caught young , they die .")] // "fish" may be plural
    [InlineData("Some while take like the whole week off .")] // "take" is no bare subject noun
    [InlineData("In general terms the plan works .")]
    public void Rules_CorrectSentence_StaySilent(string sentence)
    {
        Assert.Empty(CheckerFixture.Rules(sentence));
        Assert.Equal(sentence, CheckerFixture.Checker.CorrectTokenizedSentence(sentence));
    }

    [Fact]
    public void Check_CommaSplice_IsFlaggedButNotCorrected()
    {
        const string text = "I like my school , it is very big .";

        var issues = CheckerFixture.Checker.Check(text).Issues;

        var splice = Assert.Single(issues, i => i.RuleId == GrammarRules.CommaSplice);
        Assert.Equal(",", text.Substring(splice.Start, splice.Length));
        Assert.Equal(text, CheckerFixture.Checker.CorrectTokenizedSentence(text));
        Assert.DoesNotContain(CheckerFixture.Checker.Check("Because I like my school , it is big .").Issues, i => i.RuleId == GrammarRules.CommaSplice);
    }

    [Fact]
    public void Check_RunOnSentence_IsFlagged()
    {
        var runOn = string.Join(' ', Enumerable.Repeat("we went to the park and then we played games with our friends", 5)) + ".";
        var shortOne = "We went to the park and played games with our friends.";

        Assert.Contains(CheckerFixture.Checker.Check(runOn).Issues, i => i.RuleId == GrammarRules.RunOn);
        Assert.DoesNotContain(CheckerFixture.Checker.Check(shortOne).Issues, i => i.RuleId == GrammarRules.RunOn);
    }

    [Fact]
    public void Check_GrammarIssue_HasSpanExplanationAndFix()
    {
        const string text = "Yesterday he have a car. It was a old one.";

        var issues = CheckerFixture.Checker.Check(text).Issues;

        var agreement = Assert.Single(issues, i => i.RuleId == GrammarRules.SubjectVerbAgreement);
        Assert.Equal("have", text.Substring(agreement.Start, agreement.Length));
        Assert.Equal("has", agreement.Replacements[0]);
        Assert.False(string.IsNullOrWhiteSpace(agreement.Message));
        var article = Assert.Single(issues, i => i.RuleId == GrammarRules.ArticleAAn);
        Assert.Equal("a", text.Substring(article.Start, article.Length));
        Assert.Equal("an", article.Replacements[0]);
    }
}

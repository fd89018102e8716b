"""EntityRoles h29: names, titles and employers read whole, so a draft greets and names the right ones."""

from nlu_components.entity_roles import name_cased
from tests.nlu_components.test_entity_roles import of, run


def test_a_name_run_on_into_a_date_loses_the_date() -> None:
    text = "interview at ACME with Sarah Cole 3 days ago, can i email her"
    entities = run(text, ("ORG", "ACME"), ("PERSON", "Sarah Cole 3 days ago"))
    assert of(entities, "PERSON") == [("Sarah Cole", "interviewer")]


def test_an_employer_run_on_into_a_date_loses_the_date() -> None:
    text = "I had an interview with Ms Chen at KPMG 10 days ago for an audit job"
    entities = run(text, ("PERSON", "Ms Chen"), ("ORG", "KPMG 10 days ago"))
    assert of(entities, "ORG") == [("KPMG", "company")]
    assert of(entities, "PERSON") == [("Ms Chen", "interviewer")]


def test_an_employer_joined_by_and_is_one_employer_and_no_person() -> None:
    text = "interview at Marks and Spencer with Jean-Luc Martin on friday"
    entities = run(text, ("ORG", "Marks"), ("PERSON", "Spencer"), ("PERSON", "Jean-Luc Martin"))
    assert of(entities, "ORG") == [("Marks and Spencer", "company")]
    assert of(entities, "PERSON") == [("Jean-Luc Martin", "interviewer")]


def test_two_employers_joined_by_and_stay_two() -> None:
    text = "I interviewed at Globex and Initech last week"
    entities = run(text, ("ORG", "Globex"), ("ORG", "Initech"))
    assert [value for value, _ in of(entities, "ORG")] == ["Globex", "Initech"]


def test_an_acronym_with_the_body_it_names_is_kept_whole() -> None:
    text = "i had an interview with the NHS trust on monday for a nursing job"
    assert [value for value, _ in of(run(text, ("ORG", "NHS")), "ORG")] == ["NHS Trust"]


def test_a_titled_name_taken_for_an_organisation_is_a_person_with_the_title() -> None:
    text = "the partner I met at Pine & Co was Mr O'Neil, can I thank him"
    entities = run(text, ("ORG", "Pine & Co"), ("ORG", "O'Neil"))
    assert ("Mr O'Neil", "interviewer") in of(entities, "PERSON")
    assert of(entities, "ORG") == [("Pine & Co", "company")]


def test_a_title_said_with_the_part_keeps_the_surname() -> None:
    text = "my name is Dan Obi, the interviewer was Dr Amara Lee at BT"
    entities = run(text, ("PERSON", "Dan Obi"), ("ORG", "BT"))
    assert "Dr Amara Lee" in [value for value, _ in of(entities, "PERSON")]
    assert ("Dan Obi", "self") in of(entities, "PERSON")


def test_an_own_name_in_lower_case_with_an_initial_is_the_users() -> None:
    text = "my name is j. okafor and I had an interview with Ms Chen at KPMG"
    entities = run(text, ("PERSON", "Ms Chen"), ("ORG", "KPMG"))
    assert ("J. Okafor", "self") in of(entities, "PERSON")
    assert ("Ms Chen", "interviewer") in of(entities, "PERSON")


def test_a_surname_employer_joined_by_and_after_at_is_the_employer() -> None:
    text = "interview at Johnson and Johnson with Mr O'Neil last thursday, thank you note?"
    entities = run(text, ("PERSON", "Johnson"), ("PERSON", "Mr O'Neil"))
    assert of(entities, "ORG") == [("Johnson and Johnson", "company")]
    assert of(entities, "PERSON") == [("Mr O'Neil", "interviewer")]


def test_an_employer_with_the_body_it_is_in_lower_case_is_kept_whole() -> None:
    text = "interview tmrw with ms. adebayo at Lloyds bank for a teller job"
    assert [value for value, _ in of(run(text, ("ORG", "Lloyds")), "ORG")] == ["Lloyds Bank"]


def test_an_employers_possessive_before_its_office_is_no_part_of_its_name() -> None:
    text = "interviewed with Sarah Smith-Jones at Stripe's dublin office monday"
    assert of(run(text, ("PERSON", "Sarah Smith-Jones"), ("ORG", "Stripe's")), "ORG") == [("Stripe", "company")]
    text = "i had a shift manager interview at McDonald's main street store"
    assert [value for value, _ in of(run(text, ("ORG", "McDonald's")), "ORG")] == ["McDonald's"]


def test_the_users_capitalised_name_spacy_missed_is_the_users() -> None:
    text = "i'm Ana, my interview at KPMG is next tuesday with Ruth Bell"
    entities = run(text, ("ORG", "KPMG"), ("PERSON", "Ruth Bell"))
    assert ("Ana", "self") in of(entities, "PERSON") and ("Ruth Bell", "interviewer") in of(entities, "PERSON")


def test_a_feeling_after_im_is_no_name() -> None:
    text = "I'm Sorry, my interview at KPMG went badly"
    assert of(run(text, ("ORG", "KPMG")), "PERSON") == []


def test_the_first_part_of_an_employer_joined_by_and_is_kept() -> None:
    text = "I'm Sam O'Neil and I interviewed with Lucy Grant at Wren and Finch"
    entities = run(text, ("PERSON", "Sam O'Neil"), ("PERSON", "Lucy Grant"), ("PERSON", "Wren"), ("ORG", "Finch"))
    assert of(entities, "ORG") == [("Wren and Finch", "company")]
    assert [value for value, _ in of(entities, "PERSON")] == ["Sam O'Neil", "Lucy Grant"]


def test_a_possessive_inside_the_employer_found_after_at_is_cut_before_the_office() -> None:
    text = "my interview is with Ms. Ruth Bell at PwC's Leeds office tmrw"
    assert of(run(text, ("PERSON", "Ms. Ruth Bell")), "ORG") == [("PwC", "company")]


def test_a_name_opening_the_message_with_here_is_the_users_own() -> None:
    text = "hi! Omar here. interviewed at Marks & Spencer with Ms Patel on monday"
    entities = run(text, ("PERSON", "Omar"), ("ORG", "Marks & Spencer"), ("PERSON", "Ms Patel"))
    assert of(entities, "PERSON") == [("Omar", "self"), ("Ms Patel", "interviewer")]


def test_items_named_in_the_users_own_question_are_not_requested() -> None:
    """'i'd like to ask whether they need references from me' gave a reply 'please find [what they asked for]'."""
    text = "interviewed w Sam Hart at Brio Labs a week ago. i'd like to ask whether they need references from me"
    entities = run(text, ("PERSON", "Sam Hart"), ("ORG", "Brio Labs"))
    assert of(entities, "requested_items") == []
    assert [e["value"] for e in entities if e["entity"] == "own_question"] == ["whether they need references from me"]
    told = "she asked me for two references by friday"
    assert [e["value"] for e in run(told) if e["entity"] == "requested_items"] == ["yes"]


def test_the_users_name_read_as_an_organisation_after_their_cues_is_theirs() -> None:
    """'put my name on it, its Marco Ricci' made Marco Ricci the employer; '... from Grace Obi' too."""
    text = "put my name on it, its Marco Ricci"
    assert of(run(text, ("ORG", "Marco Ricci")), "PERSON") == [("Marco Ricci", "self")]
    assert of(run(text, ("ORG", "Marco Ricci")), "ORG") == []
    assert of(run("put my name on it, its Halima Yusuf"), "PERSON") == [("Halima Yusuf", "self")]
    text = "write the email. from Grace Obi"
    assert of(run(text, ("ORG", "Grace Obi")), "PERSON") == [("Grace Obi", "self")]


def test_a_name_opening_the_message_with_here_that_spacy_missed_is_the_users() -> None:
    text = "Hi, Priya here - my interview with Ms. Chen at Lumen & Co is tomorrow at 2pm"
    entities = run(text, ("PERSON", "Ms. Chen"), ("ORG", "Lumen & Co"))
    assert ("Priya", "self") in of(entities, "PERSON") and ("Ms. Chen", "interviewer") in of(entities, "PERSON")
    assert ("Tom", "self") not in of(run("so Tom here said no", ("PERSON", "Tom")), "PERSON")


def test_a_lower_case_name_with_an_apostrophe_or_hyphen_is_written_as_a_name() -> None:
    text = "had an interview at Fairhaven Bank 10 days ago. the interviewer was mr. david o'connell"
    assert ("Mr. David O'Connell", "interviewer") in of(run(text, ("ORG", "Fairhaven Bank")), "PERSON")
    assert name_cased("smith-jones") == "Smith-Jones" and name_cased("jess's") == "Jess's"


def test_two_titles_stay_with_the_surname_and_a_title_alone_is_nobody() -> None:
    text = "interview with Herr Dr. Becker at Siemens tomorrow, can i email to confirm"
    entities = run(text, ("PERSON", "Herr"), ("PERSON", "Dr. Becker"), ("ORG", "Siemens"))
    assert of(entities, "PERSON") == [("Herr Dr. Becker", "interviewer")]

"""An evaluation's report: a document chosen in the admin, shown with the evaluation's result when public."""

import io

import pytest
from django.urls import reverse

from meetings.models import Document
from meetings.tests import factories as mf
from meetings.tests import samples
from meetings.tests.helpers import pdf_upload, url
from trials.tests import factories as f

pytestmark = pytest.mark.django_db


def report_of(evaluation, *, published=True, with_file=True, **kwargs):
    document = mf.DocumentFactory(
        title="Slutrapport fra VIVE", kind=Document.Kind.EVALUATION_REPORT, evaluation=evaluation, **kwargs
    )
    document.is_published = published
    if with_file:
        document.mime_type = "application/pdf"
        document.file.save("rapport.pdf", io.BytesIO(samples.pdf_with_text("Rapport")), save=False)
        document.size = document.file.size
    document.save()
    return document


def test_public_report_is_a_download_next_to_the_evaluations_result(client):
    evaluation = f.EvaluationFactory(result="Flere kom i job.", kind="final")
    report = report_of(evaluation)
    page = client.get(evaluation.trial.get_absolute_url()).content.decode()
    link = f'<a href="{reverse("meetings:document_download", args=[report.pk])}" download>Slutrapport fra VIVE</a>'
    assert link in page
    assert page.index("Flere kom i job.") < page.index(link)
    assert "(PDF, " in page
    assert client.get(reverse("meetings:document_download", args=[report.pk])).status_code == 200


def test_draft_report_is_neither_shown_nor_served(client):
    evaluation = f.EvaluationFactory(result="Flere kom i job.")
    report = report_of(evaluation, published=False)
    assert "Slutrapport fra VIVE" not in client.get(evaluation.trial.get_absolute_url()).content.decode()
    assert client.get(reverse("meetings:document_download", args=[report.pk])).status_code == 404


def test_published_report_of_a_draft_trials_evaluation_is_not_public(client):
    evaluation = f.EvaluationFactory(trial__is_published=False)
    report = report_of(evaluation)
    assert not Document.objects.public().filter(pk=report.pk).exists()
    assert client.get(reverse("meetings:document_download", args=[report.pk])).status_code == 404


def test_report_linked_to_the_trial_too_is_listed_once_on_its_page(client):
    evaluation = f.EvaluationFactory()
    report = report_of(evaluation)
    report.trials.add(evaluation.trial)
    page = client.get(evaluation.trial.get_absolute_url()).content.decode()
    assert page.count("Slutrapport fra VIVE") == 1


def test_trial_admins_evaluation_offers_to_add_a_report_with_the_evaluation_filled_in(admin_client):
    evaluation = f.EvaluationFactory()
    report_of(evaluation, published=False)
    page = admin_client.get(reverse("admin:trials_trial_change", args=[evaluation.trial.pk])).content.decode()
    assert "Slutrapport fra VIVE</a> (kladde)" in page
    add = f"{reverse('admin:meetings_document_add')}?kind=evaluation_report&amp;evaluation={evaluation.pk}"
    assert add in page
    form = (
        admin_client.get(
            f"{reverse('admin:meetings_document_add')}?kind=evaluation_report&evaluation={evaluation.pk}"
            f"&trials={evaluation.trial_id}"
        )
        .context["adminform"]
        .form
    )
    assert form.initial["evaluation"] == str(evaluation.pk)


def test_municipal_coordinator_attaches_a_report_to_their_trials_evaluation(make_municipal_coordinator_client):
    participation = f.ParticipationFactory()
    evaluation = f.EvaluationFactory(trial=participation.trial)
    other = f.EvaluationFactory()
    coordinator = make_municipal_coordinator_client(participation.municipality)
    data = {
        "title": "Midtvejsrapport",
        "kind": "evaluation_report",
        "evaluation": evaluation.pk,
        "position": "0",
        "is_file_public": "on",
        "file": pdf_upload("rapport.pdf", "Rapport"),
    }
    response = coordinator.post(url("document", "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get(title="Midtvejsrapport")
    assert document.evaluation == evaluation
    assert list(document.trials.all()) == [evaluation.trial]  # filled in from the evaluation, so in scope
    assert not document.is_published  # the network coordinator publishes it

    data["evaluation"] = other.pk  # another municipality's trial's evaluation is not offered
    data["file"] = pdf_upload("rapport.pdf", "Rapport")
    response = coordinator.post(url("document", "add"), data)
    assert "evaluation" in response.context["adminform"].form.errors

"""``learningcity demo``: a realistic platform on SQLite in one command, then serve it."""

import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from learningcity.demo import builder, site
from learningcity.demo.quiet import quiet_setup
from learningcity.demo.static_files import collect_if_changed
from learningcity.editions.loading import load_edition_file


class Command(BaseCommand):
    help = "Set up the demo (migrate, edition 1, registry, demo data) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Set up only; do not serve.")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, no_serve=False, addrport="127.0.0.1:8000", **options):
        say = self.stdout.write
        # Before anything makes a link: e-mails and certificate QR codes use this address.
        site_url = site.use_addrport(addrport)
        say(_("1/5 Preparing the database…"))
        call_command("migrate", interactive=False, verbosity=0)
        collect_if_changed()
        say(_("2/5 Loading edition 1 of the award…"))
        edition = load_edition_file().edition
        say(_("3/5 Importing the local-government registry…"))
        call_command("import_registry", verbosity=0)
        say(_("4/5 Creating the practice edition, people and organisations…"))
        with quiet_setup() as emails:
            demo, people, organisations, registrations, context = self._build(edition, say)
        site.forget_certificates_of_another_address()
        say(_("5/5 Ready."))
        if emails:
            say(
                _(
                    "%(count)s e-mails of the demo's setup were not printed; from now on "
                    "e-mails are printed here."
                )
                % {"count": len(emails)}
            )
        self._summary(say, demo, people, organisations, registrations, context)
        if no_serve:
            return
        self._serve(say, site_url, addrport)

    def _build(self, edition, say):
        demo = builder.ensure_demo_edition(edition)
        people = builder.ensure_people()
        organisations = builder.ensure_organisations()
        secretariat = next(user for person, user in people if person.is_staff)
        registrations = builder.ensure_registrations(demo, organisations, secretariat)
        context = builder.DemoContext(
            source=edition,
            practice=demo,
            people=people,
            organisations=organisations,
            registrations=registrations,
            secretariat=secretariat,
            say=say,
        )
        for step in builder.app_demo_steps():
            step(context)
        return demo, people, organisations, registrations, context

    def _summary(self, say, demo, people, organisations, registrations, context):
        say("")
        say(_("Demo logins (password for all: %(password)s)") % {"password": builder.DEMO_PASSWORD})
        for person, user in people:
            say(f"  {user.email:<45} {person.what}")
        role_coordinator, role_head = _("coordinator"), _("head")
        for organisation, coordinator, head in organisations:
            say(f"  {coordinator.email:<45} {role_coordinator}: {organisation.name}")
            say(f"  {head.email:<45} {role_head}: {organisation.name}")
        say("")
        say(_("Practice edition: %(title)s") % {"title": demo.title_th})
        for registration in registrations:
            say(f"  {registration.organisation.name}: {registration.get_status_display()}")
        for line in context.summary:
            say(line)

    def _serve(self, say, site_url, addrport):
        say(_("Serving on %(url)s/ — press Ctrl+C to stop.") % {"url": site_url})
        # The background worker (e-mails, reminders, exports) runs beside the server.
        worker = subprocess.Popen(
            [sys.executable, "-m", "learningcity.cli", "worker", "--no-reload"]
        )
        try:
            call_command("runserver", addrport, use_reloader=False, skip_checks=True)
        finally:
            worker.terminate()
            worker.wait(timeout=30)

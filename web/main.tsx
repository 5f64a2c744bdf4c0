// Entry point: the citizen portal at /, the staff app at /staff.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { LanguageProvider } from './shared/i18n.js';
import { SessionProvider } from './shared/session.js';
import { CitizenLayout, NotFound, RequirePermission, StaffLayout } from './shared/layout.js';
import { DemoLoginPage } from './shared/demo-login.js';
import { CitizenHomePage } from './citizen/home.js';
import { InstitutionBrowserPage } from './citizen/institution-browser.js';
import { MyChildrenPage } from './citizen/my-children.js';
import { PostPage } from './citizen/post.js';
import { PlacementPage } from './citizen/placement.js';
import { WaitlistPage, GuaranteePage, RoundPage, InboxPage } from './staff/placement-pages.js';
import { PolicyPage } from './staff/placement-rules.js';
import { StaffHomePage } from './staff/home.js';
import { UnitRegisterPage } from './staff/unit-register.js';
import { UnitPage } from './staff/unit-page.js';
import { NewUnitPage } from './staff/new-unit.js';
import { ChildSearchPage } from './staff/child-search.js';
import { ChildPage } from './staff/child-page.js';
import { CprPage } from './staff/cpr-page.js';
import { AuditLogPage } from './staff/audit-log.js';
import { ClockSettingsPage } from './staff/clock-settings.js';
import { BookPlacePage } from './citizen/book-place.js';
import { BookingOutlookPage } from './staff/booking-outlook.js';
import { PolicySimulatorPage } from './staff/policy-simulator.js';
import { AttendancePage, AttendanceUnitsPage } from './staff/attendance/attendance-page.js';
import { ParentAttendancePage } from './citizen/attendance.js';
import { TerminalPage } from './terminal/terminal-page.js';
import { BillingPage } from './staff/billing.js';
import { ReportingPage } from './staff/reporting.js';
import { UniloginPage } from './staff/unilogin.js';
import { NormeringPage, UnitNormeringPage } from './staff/normering.js';
import { BillingAccountPage } from './staff/billing-account.js';
import { PaymentPage } from './citizen/payment.js';
import { UsersPage } from './staff/users.js';
import { SubsidiesPage } from './citizen/subsidies.js';
import { SubsidyCasePage } from './staff/subsidies.js';
import { SubsidyInboxPage } from './staff/subsidies-inbox.js';
import { SubsidyPayoutPage } from './staff/subsidies-payout.js';
import { SubsidyProviderPage, SubsidyProvidersPage, SubsidyRatesPage } from './staff/subsidy-providers.js';
import { RegisterImportPage } from './staff/register-import.js';
import { RegisterDeliveriesPage } from './staff/register-deliveries.js';
import { RetentionPage } from './staff/retention.js';

function App() {
  return (
    <Routes>
      <Route path="terminal" element={<TerminalPage />} />
      <Route element={<CitizenLayout />}>
        <Route index element={<CitizenHomePage />} />
        <Route path="institutioner" element={<InstitutionBrowserPage />} />
        <Route path="mine-boern" element={<MyChildrenPage />} />
        <Route path="post" element={<PostPage />} />
        <Route path="fremmoede" element={<ParentAttendancePage />} />
        <Route path="pladser" element={<PlacementPage />} />
        <Route path="login" element={<DemoLoginPage />} />
        <Route path="book-plads" element={<BookPlacePage />} />
        <Route path="betaling" element={<PaymentPage />} />
        <Route path="tilskud" element={<SubsidiesPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
      <Route path="staff" element={<StaffLayout />}>
        <Route index element={<StaffHomePage />} />
        <Route path="institutioner" element={<UnitRegisterPage />} />
        <Route
          path="institutioner/ny"
          element={
            <RequirePermission action="registry.create">
              <NewUnitPage />
            </RequirePermission>
          }
        />
        <Route path="institutioner/:id" element={<UnitPage />} />
        <Route
          path="dagtilbudsregister"
          element={
            <RequirePermission action="registry.import">
              <RegisterImportPage />
            </RequirePermission>
          }
        />
        <Route
          path="sletning"
          element={
            <RequirePermission action="retention.read">
              <RetentionPage />
            </RequirePermission>
          }
        />
        <Route
          path="indberetninger"
          element={
            <RequirePermission action="registry.deliveries">
              <RegisterDeliveriesPage />
            </RequirePermission>
          }
        />
        <Route path="boern" element={<ChildSearchPage />} />
        <Route path="boern/:id" element={<ChildPage />} />
        <Route
          path="cpr"
          element={
            <RequirePermission action="people.cpr-import">
              <CprPage />
            </RequirePermission>
          }
        />
        <Route
          path="belaegning"
          element={
            <RequirePermission action="booking.outlook">
              <BookingOutlookPage />
            </RequirePermission>
          }
        />
        <Route
          path="politiksimulator"
          element={
            <RequirePermission action="booking.simulate">
              <PolicySimulatorPage />
            </RequirePermission>
          }
        />
        <Route path="fremmoede" element={<AttendanceUnitsPage />} />
        <Route path="fremmoede/:unitId" element={<AttendancePage />} />
        <Route
          path="venteliste"
          element={
            <RequirePermission action="placement.read">
              <WaitlistPage />
            </RequirePermission>
          }
        />
        <Route
          path="garanti"
          element={
            <RequirePermission action="placement.read">
              <GuaranteePage />
            </RequirePermission>
          }
        />
        <Route
          path="runde"
          element={
            <RequirePermission action="placement.allocate">
              <RoundPage />
            </RequirePermission>
          }
        />
        <Route
          path="indbakke"
          element={
            <RequirePermission action="placement.read">
              <InboxPage />
            </RequirePermission>
          }
        />
        <Route
          path="tilskud"
          element={
            <RequirePermission action="subsidies.read">
              <SubsidyInboxPage />
            </RequirePermission>
          }
        />
        <Route
          path="tilskud/:id"
          element={
            <RequirePermission action="subsidies.read">
              <SubsidyCasePage />
            </RequirePermission>
          }
        />
        <Route
          path="tilskud-udbetaling"
          element={
            <RequirePermission action="subsidies.pay">
              <SubsidyPayoutPage />
            </RequirePermission>
          }
        />
        <Route
          path="private-tilbud"
          element={
            <RequirePermission action="subsidies.read">
              <SubsidyProvidersPage />
            </RequirePermission>
          }
        />
        <Route
          path="private-tilbud/:id"
          element={
            <RequirePermission action="subsidies.read">
              <SubsidyProviderPage />
            </RequirePermission>
          }
        />
        <Route
          path="tilskudstakster"
          element={
            <RequirePermission action="subsidies.rates">
              <SubsidyRatesPage />
            </RequirePermission>
          }
        />
        <Route
          path="pladsregler"
          element={
            <RequirePermission action="placement.read">
              <PolicyPage />
            </RequirePermission>
          }
        />
        <Route
          path="audit"
          element={
            <RequirePermission action="audit.search">
              <AuditLogPage />
            </RequirePermission>
          }
        />
        <Route
          path="brugere"
          element={
            <RequirePermission action="users.read">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="indstillinger"
          element={
            <RequirePermission action="settings.change">
              <ClockSettingsPage />
            </RequirePermission>
          }
        />
        <Route
          path="opkraevning"
          element={
            <RequirePermission action="billing.manage">
              <BillingPage />
            </RequirePermission>
          }
        />
        <Route
          path="opkraevning/betaler/:id"
          element={
            <RequirePermission action="billing.read">
              <BillingAccountPage />
            </RequirePermission>
          }
        />
        <Route
          path="indberetning"
          element={
            <RequirePermission action="reporting.read">
              <ReportingPage />
            </RequirePermission>
          }
        />
        <Route
          path="unilogin"
          element={
            <RequirePermission action="unilogin.read">
              <UniloginPage />
            </RequirePermission>
          }
        />
        <Route
          path="normering"
          element={
            <RequirePermission action="reporting.read">
              <NormeringPage />
            </RequirePermission>
          }
        />
        <Route
          path="normering/enhed/:id"
          element={
            <RequirePermission action="reporting.read">
              <UnitNormeringPage />
            </RequirePermission>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LanguageProvider>
      <SessionProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </SessionProvider>
    </LanguageProvider>
  </StrictMode>,
);
